package io.paygate.simulator;

import static io.paygate.simulator.SimulatorHttp.PAYMENTS;
import static io.paygate.simulator.SimulatorHttp.card;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorOperationsIT extends SimulatorServerTest {

    private String authorized(String key) {
        SimulatorHttp.Response r = sim.post(PAYMENTS, key, card("4242424242424242", false, reference()));
        assertThat(r.text("status")).isEqualTo("authorized");
        return r.text("id");
    }

    private SimulatorHttp.Response capture(String paymentKey, String operationKey, Object amount) {
        return sim.post(PAYMENTS + "/" + paymentKey + "/capture", operationKey,
                amount == null ? Map.of() : Map.of("amount", amount));
    }

    private SimulatorHttp.Response voidIt(String paymentKey, String operationKey) {
        return sim.post(PAYMENTS + "/" + paymentKey + "/void", operationKey, Map.of());
    }

    @Test
    void capturesTheWholeAuthorization() {
        String key = key();
        String id = authorized(key);

        SimulatorHttp.Response r = capture(key, key(), 1999);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("id")).isEqualTo(id);
        assertThat(r.text("status")).isEqualTo("captured");
        assertThat(r.number("amount_captured")).isEqualTo(1999);
    }

    @Test
    void capturesPartOnceAndAnswersRepeatsOfThatCaptureOnly() {
        String key = key();
        authorized(key);
        String operation = key();

        SimulatorHttp.Response partial = capture(key, operation, 1500);
        SimulatorHttp.Response repeat = capture(key, operation, 1500);
        SimulatorHttp.Response another = capture(key, key(), 400);

        assertThat(partial.text("status")).isEqualTo("captured");
        assertThat(partial.number("amount_authorized")).isEqualTo(1999);
        assertThat(partial.number("amount_captured")).isEqualTo(1500);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.number("amount_captured")).isEqualTo(1500);
        assertThat(another.status()).isEqualTo(400);
        assertThat(another.errorCode()).isEqualTo("already_captured");
        assertThat(sim.payment(key).number("amount_captured")).isEqualTo(1500);
    }

    @Test
    void refusesCapturesThatCannotApply() {
        String key = key();
        authorized(key);
        assertThat(capture(key, key(), 5000).errorCode()).isEqualTo("amount_too_large");
        assertThat(capture(key, key(), 0).errorCode()).isEqualTo("invalid_request");
        assertThat(sim.payment(key).text("status")).isEqualTo("authorized");

        SimulatorHttp.Response unknown = capture(key(), key(), 100);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("resource_missing");

        String declined = key();
        sim.post(PAYMENTS, declined, card("4000000000000002", false, reference()));
        assertThat(capture(declined, key(), 100).errorCode()).isEqualTo("invalid_state");

        assertThat(capture(key, null, 100).errorCode()).isEqualTo("missing_idempotency_key");
    }

    @Test
    void voidsAnAuthorizationOnce() {
        String key = key();
        authorized(key);
        String operation = key();

        SimulatorHttp.Response voided = voidIt(key, operation);
        SimulatorHttp.Response repeat = voidIt(key, operation);

        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.text("status")).isEqualTo("voided");
        assertThat(repeat.text("status")).isEqualTo("voided");
        SimulatorHttp.Response late = capture(key, key(), 1999);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.errorCode()).isEqualTo("payment_voided");
    }

    @Test
    void cannotVoidACapturedPaymentAndLeavesDeclinedOnesAlone() {
        String captured = key();
        sim.post(PAYMENTS, captured, card("4242424242424242", true, reference()));
        SimulatorHttp.Response refused = voidIt(captured, key());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("already_captured");

        String declined = key();
        sim.post(PAYMENTS, declined, card("4000000000000002", true, reference()));
        SimulatorHttp.Response unchanged = voidIt(declined, key());
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.text("status")).isEqualTo("declined");
    }

    @Test
    void voidingAnUnknownKeyRefusesTheAuthorizationThatArrivesLater() {
        String key = key();
        String reference = reference();

        SimulatorHttp.Response tombstone = voidIt(key, key());
        SimulatorHttp.Response late = sim.post(PAYMENTS, key, card("4242424242424242", true, reference));

        assertThat(tombstone.status()).isEqualTo(200);
        assertThat(tombstone.text("status")).isEqualTo("voided");
        assertThat(tombstone.number("amount")).isZero();
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.text("id")).isEqualTo(tombstone.text("id"));
        assertThat(late.text("status")).isEqualTo("voided");
        assertThat(late.number("amount_captured")).isZero();
        assertThat(sim.get(PAYMENTS + "?reference=" + reference).json().get("data")).isEmpty();
    }

    @Test
    void voidsAPaymentWaitingForItsCustomer() {
        String key = key();
        SimulatorHttp.Response waiting = sim.post(PAYMENTS, key, card("4000000000003220", true, reference()));
        assertThat(waiting.text("status")).isEqualTo("requires_action");

        assertThat(voidIt(key, key()).text("status")).isEqualTo("voided");
        sim.submitForm("/simulator/3ds/" + waiting.text("id") + "/complete");

        assertThat(sim.payment(key).text("status")).isEqualTo("voided");
        assertThat(sim.payment(key).number("amount_captured")).isZero();
    }
}

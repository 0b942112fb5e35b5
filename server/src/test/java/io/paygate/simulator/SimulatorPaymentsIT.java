package io.paygate.simulator;

import static io.paygate.simulator.SimulatorHttp.PAYMENTS;
import static io.paygate.simulator.SimulatorHttp.card;
import static io.paygate.simulator.SimulatorHttp.payment;
import static io.paygate.simulator.SimulatorHttp.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paygate.platform.ids.Ids;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SimulatorPaymentsIT extends SimulatorServerTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void approvesAndCapturesACard() {
        String reference = reference();
        SimulatorHttp.Response r = sim.post(PAYMENTS, key(), card("4242424242424242", true, reference));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("id")).startsWith("simpay_");
        assertThat(r.text("object")).isEqualTo("simulator.payment");
        assertThat(r.text("status")).isEqualTo("captured");
        assertThat(r.number("amount_authorized")).isEqualTo(1999);
        assertThat(r.number("amount_captured")).isEqualTo(1999);
        assertThat(r.text("currency")).isEqualTo("usd");
        assertThat(r.text("reference")).isEqualTo(reference);
        assertThat(r.text("instrument")).isEqualTo("visa •••• 4242");
        assertThat(r.json().get("decline").isNull()).isTrue();
        assertThat(r.json().get("redirect_url").isNull()).isTrue();
        assertThat(r.text("risk_level")).isEqualTo("normal");
        assertThat(r.number("created")).isPositive();
        assertThat(r.raw()).doesNotContain("4242424242424242").doesNotContain("\"123\"");
    }

    @Test
    void neverStoresTheCardNumberOrCvc() {
        String key = key();
        sim.post(PAYMENTS, key, card("5555555555554444", true, reference()));

        List<Map<String, Object>> rows = jdbc.sql("select * from sim_payments where idem_key = ?").param(key)
                .query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain("5555555555554444"));
        assertThat(rows.getFirst().get("INSTRUMENT_LABEL")).isEqualTo("mastercard •••• 4444");
    }

    @Test
    void authorizesWithoutCapture() {
        SimulatorHttp.Response r = sim.post(PAYMENTS, key(), card("378282246310005", false, reference()));

        assertThat(r.text("status")).isEqualTo("authorized");
        assertThat(r.number("amount_authorized")).isEqualTo(1999);
        assertThat(r.number("amount_captured")).isZero();
        assertThat(r.text("instrument")).isEqualTo("amex •••• 0005");
    }

    @Test
    void declinesWithStripesCodes() {
        SimulatorHttp.Response r = sim.post(PAYMENTS, key(), card("4000000000009995", true, reference()));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("status")).isEqualTo("declined");
        assertThat(r.number("amount_authorized")).isZero();
        assertThat(r.json().path("decline").path("code").asString()).isEqualTo("card_declined");
        assertThat(r.json().path("decline").path("decline_code").asString()).isEqualTo("insufficient_funds");
        assertThat(r.json().path("decline").path("message").asString()).isEqualTo("Your card has insufficient funds.");

        SimulatorHttp.Response fraud = sim.post(PAYMENTS, key(), card("4100000000000019", true, reference()));
        assertThat(fraud.json().path("decline").path("decline_code").asString()).isEqualTo("fraudulent");
        assertThat(fraud.text("risk_level")).isEqualTo("highest");
    }

    @Test
    void aRepeatedKeyAnswersTheSamePaymentAndChargesOnce() {
        String key = key();
        String reference = reference();
        SimulatorHttp.Response first = sim.post(PAYMENTS, key, card("4242424242424242", true, reference));
        SimulatorHttp.Response again = sim.post(PAYMENTS, key, card("4242424242424242", true, reference));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("status")).isEqualTo("captured");
        assertThat(sim.get(PAYMENTS + "?reference=" + reference).json().get("data")).hasSize(1);
    }

    @Test
    void aRepeatWhileTheFirstIsProcessingIsAConflict() throws Exception {
        String key = key();
        String reference = reference();
        Map<String, Object> slow = payment(cardInstrument("4242424242424242"), true, reference,
                Map.of("latency_ms", "3000"));
        CompletableFuture<HttpResponse<String>> first = sim.sendAsync(
                sim.postRequest(PAYMENTS, key, slow, Duration.ofSeconds(30)));
        SimulatorHttp.Response received = awaitStatus(key, "received", Duration.ofSeconds(5));
        assertThat(received.number("amount_captured")).isZero();

        SimulatorHttp.Response repeat = sim.post(PAYMENTS, key, card("4242424242424242", true, reference));

        assertThat(repeat.status()).isEqualTo(409);
        assertThat(repeat.errorCode()).isEqualTo("in_progress");
        SimulatorHttp.Response done = sim.wrap(first.get(20, TimeUnit.SECONDS));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.text("status")).isEqualTo("captured");
        assertThat(sim.get(PAYMENTS + "?reference=" + reference).json().get("data")).hasSize(1);
    }

    @Test
    void chargedThenTimeoutChargesButAnswersTooLate() {
        String key = key();
        Map<String, Object> body = payment(cardInstrument("4242424242424242"), true, reference(),
                Map.of("charged_then_timeout_rate", "1", "hang_ms", "3000"));

        assertThatThrownBy(() -> sim.sendRaw(sim.postRequest(PAYMENTS, key, body, Duration.ofMillis(800))))
                .isInstanceOf(HttpTimeoutException.class);

        SimulatorHttp.Response after = sim.payment(key);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.text("status")).isEqualTo("captured");
        assertThat(after.number("amount_captured")).isEqualTo(1999);
    }

    @Test
    void errorRateAnswers500AndRecordsNothing() {
        String key = key();
        String reference = reference();
        SimulatorHttp.Response r = sim.post(PAYMENTS, key,
                payment(cardInstrument("4242424242424242"), true, reference, Map.of("error_rate", "1")));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorCode()).isEqualTo("simulated_error");
        assertThat(sim.payment(key).status()).isEqualTo(404);
        assertThat(sim.payment(key).errorCode()).isEqualTo("resource_missing");
        assertThat(sim.get(PAYMENTS + "?reference=" + reference).json().get("data")).isEmpty();
    }

    @Test
    void timeoutRateHangsThenAnswers504AndRecordsNothing() {
        String key = key();
        SimulatorHttp.Response r = sim.post(PAYMENTS, key, payment(cardInstrument("4242424242424242"), true, reference(),
                Map.of("timeout_rate", "1", "hang_ms", "100")));

        assertThat(r.status()).isEqualTo(504);
        assertThat(sim.payment(key).status()).isEqualTo(404);
    }

    @Test
    void aSeededErrorRateFailsTheSameKeysEveryTime() {
        Map<String, String> knobs = Map.of("error_rate", "0.5", "seed", "7");
        for (int i = 0; i < 6; i++) {
            String key = "seeded-" + i + "-" + sim.account;
            int first = sim.post(PAYMENTS, key, payment(cardInstrument("4242424242424242"), true, reference(), knobs))
                    .status();
            int second = sim.post(PAYMENTS, key, payment(cardInstrument("4242424242424242"), true, reference(), knobs))
                    .status();
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void listsNewestFirst() {
        String older = sim.post(PAYMENTS, key(), card("4242424242424242", true, reference())).text("id");
        await().atMost(Duration.ofSeconds(2)).until(() -> Ids.millisOf(older) < clock.millis());
        String newer = sim.post(PAYMENTS, key(), card("4242424242424242", true, reference())).text("id");

        SimulatorHttp.Response list = sim.get(PAYMENTS);

        assertThat(list.text("object")).isEqualTo("list");
        assertThat(list.json().get("data").valueStream().map(p -> p.get("id").asString()).toList())
                .containsExactly(newer, older);
    }

    @Test
    void refusesRequestsWithoutAccountOrKeyOrWithBadJson() {
        SimulatorHttp anonymous = new SimulatorHttp(port, null);
        SimulatorHttp.Response noAccount = anonymous.post(PAYMENTS, key(), card("4242424242424242", true, reference()));
        assertThat(noAccount.status()).isEqualTo(400);
        assertThat(noAccount.errorCode()).isEqualTo("missing_account");
        assertThat(anonymous.get(PAYMENTS).errorCode()).isEqualTo("missing_account");

        SimulatorHttp.Response noKey = sim.post(PAYMENTS, null, card("4242424242424242", true, reference()));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.errorCode()).isEqualTo("missing_idempotency_key");

        SimulatorHttp.Response malformed = sim.post(PAYMENTS, key(), "{\"amount\": 19");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("invalid_request");

        SimulatorHttp.Response badCard = sim.post(PAYMENTS, key(), card("4242-abc", true, reference()));
        assertThat(badCard.errorCode()).isEqualTo("invalid_request");
        SimulatorHttp.Response badAmount = sim.post(PAYMENTS, key(), with(card("4242424242424242", true, "pi_x"),
                "amount", -5));
        assertThat(badAmount.errorCode()).isEqualTo("invalid_request");
        SimulatorHttp.Response badKnob = sim.post(PAYMENTS, key(), payment(cardInstrument("4242424242424242"), true,
                "pi_x", Map.of("error_rate", "2")));
        assertThat(badKnob.errorCode()).isEqualTo("invalid_request");
    }

    static Map<String, Object> cardInstrument(String number) {
        return cast((Map<?, ?>) card(number, true, null).get("instrument"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}

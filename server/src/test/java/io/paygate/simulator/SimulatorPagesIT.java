package io.paygate.simulator;

import static io.paygate.simulator.SimulatorHttp.PAYMENTS;
import static io.paygate.simulator.SimulatorHttp.card;
import static io.paygate.simulator.SimulatorHttp.payment;
import static io.paygate.simulator.SimulatorHttp.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.spi.ProcessorWebhook;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorPagesIT extends SimulatorServerTest {

    private static final String RETURN_URL = "http://127.0.0.1:9/v1/payment_intents/pi_1/complete?token=a&b=c";

    private SimulatorHttp.Response challenged(String key, String number, String reference, String returnUrl) {
        SimulatorHttp.Response r = sim.post(PAYMENTS, key, with(card(number, true, reference), "return_url", returnUrl));
        assertThat(r.text("status")).isEqualTo("requires_action");
        return r;
    }

    @Test
    void threeDSecurePageShowsThePaymentAndCompletes() {
        String key = key();
        SimulatorHttp.Response waiting = challenged(key, "4000000000003220", "pi_<b>bold</b>", RETURN_URL);
        String id = waiting.text("id");
        assertThat(waiting.text("redirect_url")).isEqualTo(sim.base() + "/simulator/3ds/" + id);

        SimulatorHttp.Response page = sim.browse(waiting.text("redirect_url"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.raw()).startsWith("<!DOCTYPE html>")
                .contains("<title>3-D Secure authentication — Paygate simulator</title>")
                .contains("19.99 USD").contains("visa •••• 3220")
                .contains("action=\"/simulator/3ds/" + id + "/complete\"").contains("id=\"approve\"")
                .contains("Complete authentication")
                .contains("action=\"/simulator/3ds/" + id + "/fail\"").contains("id=\"fail\"")
                .contains("Fail authentication")
                .contains("pi_&lt;b&gt;bold&lt;/b&gt;").doesNotContain("<b>bold</b>");

        SimulatorHttp.Response done = sim.submitForm("/simulator/3ds/" + id + "/complete");
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("Location")).isEqualTo(RETURN_URL);
        assertThat(sim.payment(key).text("status")).isEqualTo("captured");
        assertThat(sim.payment(key).json().get("redirect_url").isNull()).isTrue();
        assertThat(awaitWebhook(ProcessorWebhook.Kind.AUTHORIZATION, key).event().path("data").path("object").path("status")
                .asString()).isEqualTo("captured");

        SimulatorHttp.Response again = sim.submitForm("/simulator/3ds/" + id + "/fail");
        assertThat(again.status()).isEqualTo(303);
        assertThat(again.header("Location")).isEqualTo(RETURN_URL);
        assertThat(sim.payment(key).text("status")).isEqualTo("captured");
        assertThat(sim.browse("/simulator/3ds/" + id).raw()).doesNotContain("id=\"approve\"").contains("captured");
    }

    @Test
    void failedThreeDSecureDeclines() {
        String key = key();
        String id = challenged(key, "4000000000003220", reference(), RETURN_URL).text("id");

        assertThat(sim.submitForm("/simulator/3ds/" + id + "/fail").status()).isEqualTo(303);

        SimulatorHttp.Response declined = sim.payment(key);
        assertThat(declined.text("status")).isEqualTo("declined");
        assertThat(declined.json().path("decline").path("code").asString()).isEqualTo("authentication_required");
        assertThat(declined.json().path("decline").path("message").asString())
                .isEqualTo("The cardholder failed 3-D Secure authentication.");
    }

    @Test
    void theDeclineAfterChallengeCardDeclinesEvenWhenCompleted() {
        String key = key();
        String id = challenged(key, "4000008400001629", reference(), RETURN_URL).text("id");

        sim.submitForm("/simulator/3ds/" + id + "/complete");

        SimulatorHttp.Response declined = sim.payment(key);
        assertThat(declined.text("status")).isEqualTo("declined");
        assertThat(declined.json().path("decline").path("decline_code").asString()).isEqualTo("generic_decline");
    }

    @Test
    void withoutAReturnUrlTheResultIsAPage() {
        String key = key();
        String id = challenged(key, "4000000000003220", reference(), null).text("id");

        SimulatorHttp.Response result = sim.submitForm("/simulator/3ds/" + id + "/complete");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).startsWith("text/html");
        assertThat(result.raw()).contains("Payment captured");
    }

    @Test
    void unknownPagesAre404Html() {
        SimulatorHttp.Response unknown = sim.browse("/simulator/3ds/simpay_nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("text/html");
        assertThat(sim.submitForm("/simulator/bank/simpay_nope/pay").status()).isEqualTo(404);

        String card = sim.post(PAYMENTS, key(), card("4242424242424242", true, reference())).text("id");
        assertThat(sim.browse("/simulator/3ds/" + card).status()).isEqualTo(404);
    }

    private SimulatorHttp.Response bankPayment(String key, String bank) {
        SimulatorHttp.Response r = sim.post(PAYMENTS, key, with(payment(Map.of("type", "netbanking", "bank", bank), true,
                reference(), Map.of()), "return_url", RETURN_URL));
        assertThat(r.text("status")).isEqualTo("requires_action");
        assertThat(r.text("redirect_url")).isEqualTo(sim.base() + "/simulator/bank/" + r.text("id"));
        return r;
    }

    @Test
    void netBankingPaysAtTheBank() {
        String key = key();
        String id = bankPayment(key, "hdfc_success").text("id");

        SimulatorHttp.Response page = sim.browse("/simulator/bank/" + id);
        assertThat(page.raw()).contains("<title>Net banking — hdfc_success</title>").contains("id=\"pay\"")
                .contains("id=\"cancel\"").contains("action=\"/simulator/bank/" + id + "/pay\"");
        SimulatorHttp.Response paid = sim.submitForm("/simulator/bank/" + id + "/pay");

        assertThat(paid.status()).isEqualTo(303);
        assertThat(paid.header("Location")).isEqualTo(RETURN_URL);
        assertThat(sim.payment(key).text("status")).isEqualTo("captured");
        assertThat(awaitWebhook(ProcessorWebhook.Kind.AUTHORIZATION, key).event().path("data").path("object").path("status")
                .asString()).isEqualTo("captured");
    }

    @Test
    void netBankingDeclinesAtAFailingBankOrOnCancel() {
        String failing = key();
        sim.submitForm("/simulator/bank/" + bankPayment(failing, "hdfc_failure").text("id") + "/pay");
        SimulatorHttp.Response declined = sim.payment(failing);
        assertThat(declined.text("status")).isEqualTo("declined");
        assertThat(declined.json().path("decline").path("code").asString()).isEqualTo("payment_method_provider_decline");
        assertThat(declined.json().path("decline").path("message").asString()).isEqualTo("The bank declined the payment.");

        String canceled = key();
        sim.submitForm("/simulator/bank/" + bankPayment(canceled, "sbi_success").text("id") + "/cancel");
        assertThat(sim.payment(canceled).json().path("decline").path("message").asString())
                .isEqualTo("The customer canceled the payment at the bank.");
    }

    @Test
    void upiIsPendingUntilTheBankAnswers() {
        String key = key();
        SimulatorHttp.Response pending = sim.post(PAYMENTS, key, payment(Map.of("type", "upi", "vpa", "success@upi"),
                true, reference(), Map.of("async_delay_ms", "300")));

        assertThat(pending.text("status")).isEqualTo("pending");
        assertThat(pending.json().get("redirect_url").isNull()).isTrue();
        assertThat(pending.text("instrument")).isEqualTo("upi success@upi");
        SimulatorHttp.Response captured = awaitStatus(key, "captured", Duration.ofSeconds(10));
        assertThat(captured.number("amount_captured")).isEqualTo(1999);
        assertThat(awaitWebhook(ProcessorWebhook.Kind.AUTHORIZATION, key).event().path("data").path("object").path("status")
                .asString()).isEqualTo("captured");
    }

    @Test
    void upiFailureIsDeclinedByTheBank() {
        String key = key();
        sim.post(PAYMENTS, key, payment(Map.of("type", "upi", "vpa", "failure@upi"), false, reference(),
                Map.of("async_delay_ms", "100")));

        SimulatorHttp.Response declined = awaitStatus(key, "declined", Duration.ofSeconds(10));

        assertThat(declined.json().path("decline").path("code").asString()).isEqualTo("payment_method_provider_decline");
        assertThat(declined.json().path("decline").get("decline_code").isNull()).isTrue();
        assertThat(declined.json().path("decline").path("message").asString())
                .isEqualTo("The UPI payment was declined by the customer's bank.");
    }
}

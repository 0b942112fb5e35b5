package io.paygate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A processor call that gives no answer is an unknown outcome, never a failure: the intent stays
 * {@code processing} and the reconciler asks the processor. Charged-then-timed-out payments end
 * succeeded with one charge; requests the processor never recorded are fenced off and fail.
 */
class UnknownOutcomeIT extends PaygateIT {

    @Test
    void chargedThenTimedOutIsResolvedWithoutASecondCharge() {
        TestMerchant merchant = newMerchant();
        configureSimulator(merchant, "charged_then_timeout_rate", "1", "hang_ms", "6000");
        HttpApi.Response confirmed = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "3100", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("processing");
        assertThat(confirmed.json().path("attempts").get(0).path("outcome").asString()).isEqualTo("unknown");
        String id = confirmed.text("id");
        JsonNode resolved = pollIntent(merchant, id, status -> !status.equals("processing"));
        assertThat(resolved.path("status").asString()).isEqualTo("succeeded");
        assertThat(resolved.path("amount_received").asLong()).isEqualTo(3100);
        assertThat(simulatorPayments(merchant, id)).extracting(p -> p.path("status").asString()).containsExactly("captured");
        HttpApi.Response again = api.post("/v1/payment_intents/" + id + "/confirm", merchant.secretKey());
        assertThat(again.errorCode()).isEqualTo("payment_intent_unexpected_state");
    }

    @Test
    void aTimeoutThatChargedNothingEndsAsAFailedAttempt() {
        TestMerchant merchant = newMerchant();
        configureSimulator(merchant, "timeout_rate", "1", "hang_ms", "6000");
        HttpApi.Response confirmed = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "3200", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true");
        assertThat(confirmed.text("status")).isEqualTo("processing");
        JsonNode resolved = pollIntent(merchant, confirmed.text("id"), status -> !status.equals("processing"));
        assertThat(resolved.path("status").asString()).isEqualTo("requires_payment_method");
        assertThat(resolved.path("last_payment_error").path("code").asString()).isEqualTo("processing_error");
        List<JsonNode> records = simulatorPayments(merchant, null);
        assertThat(records).extracting(p -> p.path("status").asString()).containsOnly("voided");

        configureSimulator(merchant, "timeout_rate", "0");
        HttpApi.Response retry = api.post("/v1/payment_intents/" + confirmed.text("id") + "/confirm", merchant.secretKey(),
                "payment_method", "pm_card_visa");
        assertThat(retry.text("status")).isEqualTo("succeeded");
        JsonNode attempts = retry.json().path("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("declined");
        assertThat(attempts.get(0).path("failure_code").asString()).isNotEmpty();
        assertThat(attempts.get(1).path("outcome").asString()).isEqualTo("captured");

        // A retrieve and a list read only the attempts' columns; the confirmation rendered them from whole charges.
        String id = confirmed.text("id");
        assertThat(api.get("/v1/payment_intents/" + id, merchant.secretKey()).json().path("attempts")).isEqualTo(attempts);
        JsonNode listed = null;
        for (JsonNode intent : api.get("/v1/payment_intents", merchant.secretKey(), "limit", "100").json().path("data")) {
            if (intent.path("id").asString().equals(id)) {
                listed = intent;
            }
        }
        assertThat(listed).as("the intent in its merchant's list").isNotNull();
        assertThat(listed.path("attempts")).isEqualTo(attempts);
    }

    @Test
    void aServerErrorIsUnknownUntilTheProcessorIsAsked() {
        TestMerchant merchant = newMerchant();
        configureSimulator(merchant, "error_rate", "1");
        HttpApi.Response confirmed = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "3300", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true");
        assertThat(confirmed.text("status")).isEqualTo("processing");
        JsonNode resolved = pollIntent(merchant, confirmed.text("id"), status -> !status.equals("processing"));
        assertThat(resolved.path("status").asString()).isEqualTo("requires_payment_method");
        assertThat(simulatorPayments(merchant, confirmed.text("id"))).isEmpty();
    }

    private List<JsonNode> simulatorPayments(TestMerchant merchant, String reference) {
        String path = reference == null ? "/simulator/v1/payments" : "/simulator/v1/payments?reference=" + reference;
        List<JsonNode> out = new ArrayList<>();
        api.send("GET", path, null, Map.of("Simulator-Account", merchant.simulatorAccountId()), null, null)
                .json().path("data").forEach(out::add);
        return out;
    }
}

package io.paygate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Create with {@code confirm=true}: the intent is written once, as its first attempt leaves it, while
 * its {@code payment_intent.created} event shows it as created; a confirmation refused before any
 * attempt still leaves the intent created, as two separate calls would.
 */
class CreateAndConfirmIT extends PaygateIT {

    @Test
    void theCreatedEventShowsTheIntentAsCreatedAndTheIntentAsConfirmed() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response paid = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1500", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true", "metadata[order]", "o-15");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        String id = paid.text("id");
        assertThat(paid.text("status")).isEqualTo("succeeded");

        JsonNode created = event(merchant, "payment_intent.created", id);
        JsonNode shown = created.path("data").path("object");
        assertThat(shown.path("status").asString()).isEqualTo("requires_confirmation");
        assertThat(shown.path("latest_charge").isNull()).isTrue();
        assertThat(shown.path("payment_method").asString()).isEqualTo(paid.text("payment_method"));
        assertThat(shown.path("metadata").path("order").asString()).isEqualTo("o-15");
        assertThat(event(merchant, "payment_intent.succeeded", id)).isNotNull();

        JsonNode stored = api.get("/v1/payment_intents/" + id, merchant.secretKey()).json();
        assertThat(stored.path("status").asString()).isEqualTo("succeeded");
        assertThat(stored.path("latest_charge").asString()).isEqualTo(paid.text("latest_charge"));
        assertThat(api.get("/v1/payment_intents/search", merchant.secretKey(), "query", "metadata['order']:'o-15'").json()
                .path("data")).extracting(n -> n.path("id").asString()).containsExactly(id);
    }

    @Test
    void aPaymentMethodTheIntentDoesNotAllowLeavesTheIntentCreated() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response refused = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1600", "currency", "inr",
                "payment_method", "pm_card_visa", "payment_method_types[]", "upi", "confirm", "true");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("payment_intent_incompatible_payment_method");

        List<JsonNode> intents = intents(merchant);
        assertThat(intents).hasSize(1);
        JsonNode intent = intents.getFirst();
        assertThat(intent.path("status").asString()).isEqualTo("requires_confirmation");
        assertThat(intent.path("amount").asLong()).isEqualTo(1600);
        assertThat(intent.path("latest_charge").isNull()).isTrue();
        assertThat(event(merchant, "payment_intent.created", intent.path("id").asString())).isNotNull();
    }

    @Test
    void confirmingWithoutAPaymentMethodIsRefusedBeforeAnythingIsWritten() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response refused = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1700", "currency", "usd",
                "confirm", "true");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("payment_intent_unexpected_state");
        assertThat(intents(merchant)).isEmpty();
    }

    private List<JsonNode> intents(TestMerchant merchant) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/v1/payment_intents", merchant.secretKey()).json().path("data").forEach(out::add);
        return out;
    }

    private JsonNode event(TestMerchant merchant, String type, String objectId) {
        for (JsonNode e : api.get("/v1/events", merchant.secretKey(), "type", type).json().path("data")) {
            if (e.path("data").path("object").path("id").asString().equals(objectId)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event for " + objectId);
    }
}

package io.paygate.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every state change writes Stripe's event envelope in the same transaction; events are listed and filtered. */
class EventsIT extends PaygateIT {

    @Test
    void customerLifecycleEventsCarryTheRequestAndPreviousAttributes() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response created = api.post("/v1/customers", merchant.secretKey(), Map.of("Idempotency-Key", "ev-1"),
                "email", "a@shop.test", "metadata[tier]", "silver");
        String id = created.text("id");
        api.post("/v1/customers/" + id, merchant.secretKey(), "email", "b@shop.test", "metadata[tier]", "gold");
        api.delete("/v1/customers/" + id, merchant.secretKey());
        List<JsonNode> events = events(merchant, "type", "customer.*");
        assertThat(events).extracting(e -> e.path("type").asString())
                .containsExactly("customer.deleted", "customer.updated", "customer.created");
        JsonNode createdEvent = events.get(2);
        assertThat(createdEvent.path("id").asString()).startsWith("evt_");
        assertThat(createdEvent.path("object").asString()).isEqualTo("event");
        assertThat(createdEvent.path("data").path("object").path("id").asString()).isEqualTo(id);
        assertThat(createdEvent.path("request").path("id").asString()).isEqualTo(created.header("Request-Id"));
        assertThat(createdEvent.path("request").path("idempotency_key").asString()).isEqualTo("ev-1");
        JsonNode previous = events.get(1).path("data").path("previous_attributes");
        assertThat(previous.path("email").asString()).isEqualTo("a@shop.test");
        assertThat(previous.path("metadata").path("tier").asString()).isEqualTo("silver");
        assertThat(api.get("/v1/events/" + createdEvent.path("id").asString(), merchant.secretKey()).text("type"))
                .isEqualTo("customer.created");
    }

    @Test
    void paymentEventsFollowTheIntent() {
        TestMerchant merchant = newMerchant();
        String paid = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1000", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true").text("id");
        HttpApi.Response declined = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1000", "currency", "usd",
                "payment_method", "pm_card_chargeDeclined", "confirm", "true");
        String failed = declined.json().path("error").path("payment_intent").path("id").asString();
        assertThat(typesFor(merchant, paid)).containsExactly("payment_intent.succeeded", "payment_intent.created");
        assertThat(typesFor(merchant, failed)).containsExactly("payment_intent.payment_failed", "payment_intent.created");
        assertThat(events(merchant, "type", "charge.succeeded")).isNotEmpty();
        api.post("/v1/payment_intents/" + paid, merchant.secretKey(), "metadata[order]", "77", "description", "Order 77");
        JsonNode updated = events(merchant, "type", "payment_intent.updated").getFirst();
        assertThat(updated.path("data").path("previous_attributes").path("metadata").has("order")).isTrue();
        assertThat(updated.path("data").path("previous_attributes").path("description").isNull()).isTrue();
        assertThat(events(merchant, "type", "payment_method.created")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events(merchant, "type", "charge.failed")).isNotEmpty();
        List<JsonNode> both = events(merchant, "types[]", "charge.failed", "types[]", "payment_intent.created");
        assertThat(both).extracting(e -> e.path("type").asString()).containsOnly("charge.failed", "payment_intent.created");
        long created = both.getFirst().path("created").asLong();
        assertThat(events(merchant, "created[gt]", String.valueOf(created + 1))).isEmpty();
        assertThat(events(merchant, "created[gte]", String.valueOf(created))).isNotEmpty();
    }

    @Test
    void pagesOfOneTypeWalkForwardAndBackInOrder() {
        TestMerchant merchant = newMerchant();
        for (int i = 0; i < 5; i++) {
            String customer = api.post("/v1/customers", merchant.secretKey(), "email", "p" + i + "@shop.test").text("id");
            // Events of other types between them, as a busy account has.
            api.post("/v1/customers/" + customer, merchant.secretKey(), "metadata[i]", String.valueOf(i));
        }
        List<String> all = events(merchant, "type", "customer.created").stream().map(e -> e.path("id").asString()).toList();
        assertThat(all).hasSize(5);
        assertThat(all).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        HttpApi.Response first = api.get("/v1/events", merchant.secretKey(), "type", "customer.created", "limit", "2");
        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(first.json().path("has_more").asBoolean()).isTrue();
        HttpApi.Response second = api.get("/v1/events", merchant.secretKey(), "type", "customer.created", "limit", "2",
                "starting_after", all.get(1));
        assertThat(ids(second)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(second.json().path("has_more").asBoolean()).isTrue();
        HttpApi.Response last = api.get("/v1/events", merchant.secretKey(), "type", "customer.created", "limit", "2",
                "starting_after", all.get(3));
        assertThat(ids(last)).containsExactly(all.get(4));
        assertThat(last.json().path("has_more").asBoolean()).isFalse();
        HttpApi.Response back = api.get("/v1/events", merchant.secretKey(), "type", "customer.created", "limit", "2",
                "ending_before", all.get(4));
        assertThat(ids(back)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(back.json().path("has_more").asBoolean()).isTrue();
    }

    private static List<String> ids(HttpApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        response.json().path("data").forEach(e -> out.add(e.path("id").asString()));
        return out;
    }

    private List<String> typesFor(TestMerchant merchant, String objectId) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events(merchant, "type", "payment_intent.*")) {
            if (e.path("data").path("object").path("id").asString().equals(objectId)) {
                out.add(e.path("type").asString());
            }
        }
        return out;
    }

    private List<JsonNode> events(TestMerchant merchant, String... filters) {
        String[] params = new String[filters.length + 2];
        System.arraycopy(filters, 0, params, 0, filters.length);
        params[filters.length] = "limit";
        params[filters.length + 1] = "100";
        HttpApi.Response response = api.get("/v1/events", merchant.secretKey(), params);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        response.json().path("data").forEach(out::add);
        return out;
    }
}

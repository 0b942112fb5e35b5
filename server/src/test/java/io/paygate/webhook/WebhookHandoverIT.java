package io.paygate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.Poll;
import io.paygate.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries the node queues are sent by it straight after their transaction commits, written as
 * held under a lease, when their endpoint's lane has room. Here the lane holds one delivery (one
 * sender, and a lease too short against the attempt timeout to queue any more behind it), so every
 * delivery queued while it is busy must be written for the poll, due at once: written as held, it
 * would wait the whole 30 s lease.
 */
@TestPropertySource(properties = {
        "paygate.webhooks.per-endpoint-concurrency=1",
        "paygate.webhooks.timeout=PT15S",
        "paygate.webhooks.lease=PT30S"})
class WebhookHandoverIT extends ReceiverIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private WebhookSettings settings;

    @Test
    void deliveriesWithoutRoomOnTheirEndpointGoToThePollAtOnce() {
        assertThat(settings.queuedPerSender()).as("deliveries queued behind the one being sent").isZero();
        assertThat(api.post("/v1/webhook_endpoints", merchant.secretKey(), "url", receiver.url("/narrow"),
                "enabled_events[]", "customer.created").status()).isEqualTo(200);
        receiver.answer(r -> new WebhookReceiver.Answer(200, 800));
        int events = 6;
        for (int i = 0; i < events; i++) {
            assertThat(api.post("/v1/customers", merchant.secretKey(), "email", "narrow" + i + "@shop.test").status())
                    .isEqualTo(200);
        }
        List<WebhookReceiver.Received> received = Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt("/narrow"),
                r -> r.stream().map(x -> x.header("Paygate-Event-Id")).distinct().count() == events,
                events + " events delivered well inside the 30 s lease");
        assertThat(received).as("each delivery sent once").hasSize(events);
        assertThat(receiver.mostOpenAt("/narrow")).isEqualTo(1);
        assertThat(receiver.overlappingDeliveries()).isZero();
        Set<String> deliveryIds = received.stream().map(r -> r.header("Paygate-Delivery-Id")).collect(Collectors.toSet());
        Poll.until(Duration.ofSeconds(10), () -> deliveryIds.stream().filter(id -> api.get("/v1/webhook_endpoints/"
                        + endpointId() + "/deliveries/" + id, merchant.secretKey()).text("status").equals("succeeded")).count(),
                n -> n == events, "every delivery recorded as succeeded");
    }

    @Test
    void aHandedOverDeliveryCarriesTheEventAsStored() {
        assertThat(api.post("/v1/webhook_endpoints", merchant.secretKey(), "url", receiver.url("/exact"),
                "enabled_events[]", "payment_intent.succeeded", "enabled_events[]", "charge.succeeded").status()).isEqualTo(200);
        receiver.answer(r -> new WebhookReceiver.Answer(200, 0));
        assertThat(api.post("/v1/payment_intents", merchant.secretKey(), "amount", "2500", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true", "metadata[order]", "o-77").text("status"))
                .isEqualTo("succeeded");
        List<WebhookReceiver.Received> received = Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt("/exact"),
                r -> r.size() == 2, "both events delivered");
        for (WebhookReceiver.Received delivery : received) {
            JsonNode sent = JSON.readTree(delivery.body());
            JsonNode stored = api.get("/v1/events/" + sent.path("id").asString(), merchant.secretKey()).json();
            assertThat(sent).as("the delivered event is the stored one").isEqualTo(stored);
        }
    }

    private String endpointId() {
        return api.get("/v1/webhook_endpoints", merchant.secretKey()).json().path("data").get(0).path("id").asString();
    }
}

package io.paygate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import io.paygate.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Endpoints that fall behind. A backlogged endpoint's lane on this node holds 20 deliveries (four
 * senders, four queued behind each), the rest wait in the database; the poll claims them as room
 * frees, in chunks of half the lane, not one pass (and one lock of a batch of due rows) per
 * finished attempt. An endpoint that holds every delivery open takes no more than its four at once
 * and does not hold up another endpoint. The attempt timeout here is longer than any test holds a
 * delivery, so no attempt is cut short and sent again while the machine is slow. The timed poll runs
 * every two seconds here rather than every 200 ms: passes started by freed room feed the backlog, and
 * timed passes, as many as the machine's slowness makes seconds, stay too few to blur their count.
 */
@TestPropertySource(properties = {
        "paygate.webhooks.per-endpoint-concurrency=4",
        "paygate.webhooks.timeout=PT10S",
        "paygate.webhooks.lease=PT60S",
        "paygate.webhooks.poll-interval=PT2S"})
class WebhookBacklogIT extends PaygateIT {

    @Autowired
    private WebhookSettings settings;
    @Autowired
    private MeterRegistry meters;

    @Test
    void aBackloggedEndpointIsFedInChunks() {
        assertThat(settings.perEndpointConcurrency() * (1 + settings.queuedPerSender())).as("the lane's room").isEqualTo(20);
        TestMerchant merchant = newMerchant();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            assertThat(api.post("/v1/webhook_endpoints", merchant.secretKey(), "url", receiver.url("/slow"),
                    "enabled_events[]", "customer.created").status()).isEqualTo(200);
            receiver.answer(r -> new WebhookReceiver.Answer(200, 100));
            double passesBefore = passes();
            int events = 80;
            for (int i = 0; i < events; i++) {
                assertThat(api.post("/v1/customers", merchant.secretKey(), "email", "backlog" + i + "@shop.test").status())
                        .isEqualTo(200);
            }
            List<WebhookReceiver.Received> received = Poll.until(Duration.ofSeconds(30), () -> receiver.receivedAt("/slow"),
                    r -> r.stream().map(x -> x.header("Paygate-Event-Id")).distinct().count() == events,
                    events + " events delivered");
            assertThat(received).as("each delivery sent once").hasSize(events);
            assertThat(receiver.mostOpenAt("/slow")).isLessThanOrEqualTo(4);
            // At least 60 went to the database (the lane holds 20). One pass per finished attempt would
            // lock due rows 60 times or more; in chunks of ten, six times plus the timed polls meanwhile
            // (one every two seconds here: a few, even where the backlog takes ten times its two seconds).
            assertThat(passes() - passesBefore).as("passes that locked due deliveries").isLessThan(30);
        }
    }

    @Test
    void aSlowEndpointDoesNotDelayOthers() {
        TestMerchant merchant = newMerchant();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (String path : List.of("/held", "/quick")) {
                assertThat(api.post("/v1/webhook_endpoints", merchant.secretKey(), "url", receiver.url(path),
                        "enabled_events[]", "customer.created").status()).isEqualTo(200);
            }
            // The held endpoint answers nothing until the quick one has every event (or, at the latest,
            // well inside the attempt timeout): it holds as many deliveries as Paygate sends it at once.
            CountDownLatch quickHasAll = new CountDownLatch(1);
            receiver.answer(r -> {
                if (r.path().equals("/held")) {
                    try {
                        quickHasAll.await(settings.timeout().toMillis() * 3 / 4, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new WebhookReceiver.Answer(200, 0);
            });
            // More events than the held endpoint takes at once, so the rest must wait for a free sender.
            int events = settings.perEndpointConcurrency() + 8;
            try {
                for (int i = 0; i < events; i++) {
                    assertThat(api.post("/v1/customers", merchant.secretKey(), "email", "held" + i + "@shop.test")
                            .status()).isEqualTo(200);
                }
                Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt("/quick"), r -> r.size() >= events,
                        events + " deliveries at /quick");
                assertThat(receiver.receivedAt("/held")).as("deliveries the held endpoint has, at most its concurrency")
                        .hasSizeLessThanOrEqualTo(settings.perEndpointConcurrency());
            } finally {
                quickHasAll.countDown();
            }
            List<WebhookReceiver.Received> held = Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt("/held"),
                    r -> r.size() >= events, events + " deliveries at /held");
            assertThat(held.stream().map(x -> x.header("Paygate-Event-Id")).distinct()).as("each sent once").hasSize(events);
            assertThat(receiver.mostOpenAt("/held")).isLessThanOrEqualTo(settings.perEndpointConcurrency());
        }
    }

    private double passes() {
        return meters.get("paygate_webhook_claim_passes").counter().count();
    }
}

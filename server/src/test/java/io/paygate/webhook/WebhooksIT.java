package io.paygate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import io.paygate.support.HttpApi;
import io.paygate.support.Poll;
import io.paygate.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Signed merchant webhooks: delivery, Stripe SDK verification, retries, dead letters, replay, secrets, isolation. */
class WebhooksIT extends ReceiverIT {

    @org.springframework.beans.factory.annotation.Autowired
    private WebhookSettings settings;

    private HttpApi.Response endpoint(String path, String... events) {
        String[] params = new String[2 + events.length * 2];
        params[0] = "url";
        params[1] = receiver.url(path);
        for (int i = 0; i < events.length; i++) {
            params[2 + i * 2] = "enabled_events[]";
            params[3 + i * 2] = events[i];
        }
        HttpApi.Response created = api.post("/v1/webhook_endpoints", merchant.secretKey(), params);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created;
    }

    private List<WebhookReceiver.Received> await(String path, int count) {
        return Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt(path), r -> r.size() >= count,
                count + " deliveries at " + path);
    }

    @Test
    void aBacklogDrainsWithAtMostTheEndpointsConcurrency() {
        endpoint("/backlog", "customer.created");
        int concurrency = settings.perEndpointConcurrency();
        int events = concurrency * 3;
        // Each delivery is held (within the attempt timeout) until the endpoint's concurrency is open at
        // once, so a dispatcher that feeds the endpoint with all of it shows it, and one that sent one
        // more would too.
        receiver.answer(r -> {
            long deadline = System.nanoTime() + Duration.ofMillis(700).toNanos();
            while (receiver.openAt("/backlog") < concurrency && receiver.receivedAt("/backlog").size() <= events - concurrency
                    && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            }
            return new WebhookReceiver.Answer(200, 0);
        });
        for (int i = 0; i < events; i++) {
            assertThat(api.post("/v1/customers", merchant.secretKey(), "email", "backlog" + i + "@shop.test").status()).isEqualTo(200);
        }
        Poll.until(Duration.ofSeconds(60), () -> receiver.receivedAt("/backlog").stream().map(r -> r.header("Paygate-Event-Id"))
                .distinct().count(), n -> n == events, events + " events delivered");
        assertThat(receiver.mostOpenAt("/backlog")).isBetween(2, concurrency);
        assertThat(receiver.overlappingDeliveries()).isZero();
    }

    @Test
    void theStripeSdkVerifiesPaygatesWebhooks() throws Exception {
        HttpApi.Response endpoint = endpoint("/hooks", "payment_intent.succeeded", "customer.created");
        String secret = endpoint.text("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(api.get("/v1/webhook_endpoints/" + endpoint.text("id"), merchant.secretKey()).json().has("secret")).isFalse();

        String intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "2000", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true").text("id");
        api.post("/v1/customers", merchant.secretKey(), "email", "hook@shop.test");
        List<WebhookReceiver.Received> got = await("/hooks", 2);
        for (WebhookReceiver.Received delivery : got) {
            Event event = Webhook.constructEvent(delivery.body(), delivery.header("Stripe-Signature"), secret);
            assertThat(event.getType()).isIn("payment_intent.succeeded", "customer.created");
            assertThat(delivery.header("Paygate-Signature")).isEqualTo(delivery.header("Stripe-Signature"));
            assertThat(delivery.header("Paygate-Delivery-Id")).startsWith("whd_");
            if (event.getType().equals("payment_intent.succeeded")) {
                PaymentIntent object = (PaymentIntent) event.getDataObjectDeserializer().getObject().orElseThrow();
                assertThat(object.getId()).isEqualTo(intent);
            }
        }
        WebhookReceiver.Received first = got.getFirst();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Webhook.constructEvent(first.body(),
                first.header("Stripe-Signature"), "whsec_wrong")).isInstanceOf(SignatureVerificationException.class);
        assertThat(receiver.received()).noneMatch(r -> r.body().contains("\"payment_intent.created\""));
    }

    @Test
    void aFailingReceiverGetsTheDeliveryOnceItRecoversWithEveryAttemptLogged() {
        String id = endpoint("/flaky", "customer.created").text("id");
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> switch (calls.incrementAndGet()) {
            case 1 -> new WebhookReceiver.Answer(500, 0);
            case 2 -> new WebhookReceiver.Answer(200, 1500);
            default -> new WebhookReceiver.Answer(200, 0);
        });
        api.post("/v1/customers", merchant.secretKey(), "email", "flaky@shop.test");
        JsonNode delivery = Poll.until(Duration.ofSeconds(20), () -> api.get("/v1/webhook_endpoints/" + id + "/deliveries",
                merchant.secretKey()).json().path("data"), d -> d.size() == 1 && d.get(0).path("status").asString().equals("succeeded"),
                "the delivery to succeed").get(0);
        JsonNode attempts = delivery.path("attempts");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).path("response_status").asInt()).isEqualTo(500);
        assertThat(attempts.get(1).path("error").asString()).contains("timed out");
        assertThat(attempts.get(2).path("response_status").asInt()).isEqualTo(200);
        assertThat(attempts.get(2).path("response_body").asString()).isEqualTo("{\"ok\":true}");
        assertThat(attempts.get(2).path("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(receiver.receivedAt("/flaky")).extracting(r -> r.header("Paygate-Delivery-Id")).containsOnly(delivery.path("id").asString());
    }

    @Test
    void afterTheLastRetryADeliveryIsDeadAndCanBeSentAgain() {
        String id = endpoint("/down", "customer.created").text("id");
        receiver.answer(r -> new WebhookReceiver.Answer(503, 0));
        String customer = api.post("/v1/customers", merchant.secretKey(), "email", "dead@shop.test").text("id");
        JsonNode dead = Poll.until(Duration.ofSeconds(20), () -> api.get("/v1/webhook_endpoints/" + id + "/deliveries",
                merchant.secretKey(), "status", "dead").json().path("data"), d -> d.size() == 1, "the delivery to die").get(0);
        assertThat(dead.path("attempts")).hasSize(4);
        receiver.answer(r -> new WebhookReceiver.Answer(200, 0));
        HttpApi.Response retried = api.post("/v1/webhook_endpoints/" + id + "/deliveries/" + dead.path("id").asString() + "/retry",
                merchant.secretKey());
        assertThat(retried.text("status")).isEqualTo("pending");
        Poll.until(Duration.ofSeconds(20), () -> api.get("/v1/webhook_endpoints/" + id + "/deliveries/" + dead.path("id").asString(),
                merchant.secretKey()).text("status"), "succeeded"::equals, "the retried delivery to succeed");

        receiver.answer(r -> new WebhookReceiver.Answer(500, 0));
        api.post("/v1/customers", merchant.secretKey(), "email", "dead2@shop.test");
        Poll.until(Duration.ofSeconds(20), () -> api.get("/v1/webhook_endpoints/" + id + "/deliveries", merchant.secretKey(),
                "status", "dead").json().path("data").size(), n -> n == 1, "a second dead delivery");
        receiver.answer(r -> new WebhookReceiver.Answer(200, 0));
        assertThat(api.post("/v1/webhook_endpoints/" + id + "/deliveries/retry", merchant.secretKey()).json()
                .path("requeued").asInt()).isEqualTo(1);
        Poll.until(Duration.ofSeconds(20), () -> api.get("/v1/webhook_endpoints/" + id + "/deliveries", merchant.secretKey(),
                "status", "succeeded").json().path("data").size(), n -> n == 2, "the bulk retry to deliver");

        String event = api.get("/v1/events", merchant.secretKey(), "type", "customer.created", "limit", "2").json()
                .path("data").get(1).path("id").asString();
        JsonNode resent = api.post("/v1/events/" + event + "/resend", merchant.secretKey()).json().path("data");
        assertThat(resent).hasSize(1);
        Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt("/down").stream()
                .filter(r -> r.body().contains(customer)).count(), n -> n >= 6, "the event to be sent again");
    }

    @Test
    void aRolledSecretKeepsSigningDuringTheOverlap() throws Exception {
        HttpApi.Response endpoint = endpoint("/roll", "customer.created");
        String oldSecret = endpoint.text("secret");
        HttpApi.Response rolled = api.post("/v1/webhook_endpoints/" + endpoint.text("id") + "/roll_secret", merchant.secretKey(),
                "expires_in", "3600");
        String newSecret = rolled.text("secret");
        assertThat(newSecret).isNotEqualTo(oldSecret).startsWith("whsec_");
        api.post("/v1/customers", merchant.secretKey(), "email", "roll@shop.test");
        WebhookReceiver.Received got = await("/roll", 1).getFirst();
        assertThat(got.header("Stripe-Signature").split(",v1=")).hasSize(3);
        Webhook.constructEvent(got.body(), got.header("Stripe-Signature"), oldSecret);
        Webhook.constructEvent(got.body(), got.header("Stripe-Signature"), newSecret);

        api.post("/v1/webhook_endpoints/" + endpoint.text("id") + "/roll_secret", merchant.secretKey(), "expires_in", "0");
        api.post("/v1/customers", merchant.secretKey(), "email", "roll2@shop.test");
        WebhookReceiver.Received second = await("/roll", 2).get(1);
        assertThat(second.header("Stripe-Signature").split(",v1=")).hasSize(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Webhook.constructEvent(second.body(),
                second.header("Stripe-Signature"), newSecret)).isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void endpointsAreManagedInStripesShape() {
        String id = endpoint("/manage", "*").text("id");
        HttpApi.Response updated = api.send("PATCH", "/v1/webhook_endpoints/" + id, merchant.secretKey(), Map.of(),
                "application/x-www-form-urlencoded", HttpApi.form("description", "orders", "enabled_events[]", "charge.succeeded"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("enabled_events").get(0).asString()).isEqualTo("charge.succeeded");
        HttpApi.Response disabled = api.post("/v1/webhook_endpoints/" + id, merchant.secretKey(), "disabled", "true");
        assertThat(disabled.text("status")).isEqualTo("disabled");
        assertThat(api.get("/v1/webhook_endpoints", merchant.secretKey()).json().path("data")).hasSize(1);
        assertThat(api.delete("/v1/webhook_endpoints/" + id, merchant.secretKey()).json().path("deleted").asBoolean()).isTrue();
        assertThat(api.get("/v1/webhook_endpoints/" + id, merchant.secretKey()).status()).isEqualTo(404);
    }

    @Test
    void liveModeRefusesInternalAddressesAndOtherSchemes() {
        for (String url : List.of("https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest",
                "https://[::1]/hook", "https://192.168.0.10/", "http://example.com/hook", "ftp://example.com/x", "not a url")) {
            HttpApi.Response refused = api.post("/v1/webhook_endpoints", merchant.liveSecretKey(), "url", url,
                    "enabled_events[]", "*");
            assertThat(refused.status()).as(url + " -> " + refused).isEqualTo(400);
            assertThat(refused.json().path("error").path("param").asString()).isEqualTo("url");
        }
        assertThat(api.post("/v1/webhook_endpoints", merchant.secretKey(), "url", "gopher://x/", "enabled_events[]", "*")
                .status()).isEqualTo(400);
    }

    @Test
    void backlogAndLagAreMetrics() {
        endpoint("/metrics", "customer.created");
        api.post("/v1/customers", merchant.secretKey(), "email", "m@shop.test");
        await("/metrics", 1);
        String metrics = Poll.until(Duration.ofSeconds(10), () -> api.get("/metrics", ADMIN_TOKEN).body(),
                m -> m.contains("paygate_webhook_delivery_lag_seconds_count"), "delivery metrics");
        assertThat(metrics).contains("paygate_webhook_backlog").contains("paygate_webhook_attempts_total");
    }
}

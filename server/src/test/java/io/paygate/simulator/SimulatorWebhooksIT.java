package io.paygate.simulator;

import static io.paygate.simulator.SimulatorHttp.PAYMENTS;
import static io.paygate.simulator.SimulatorHttp.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.connector.simulator.SimulatorWebhooks;
import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.connector.spi.Secret;
import io.paygate.connector.spi.WebhookVerification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's webhooks as an endpoint sees them: signed events for each change it did not
 * report in an answer, sent again with growing waits while the endpoint fails, given up after the
 * last try, kept until the account registers an endpoint.
 */
class SimulatorWebhooksIT extends SimulatorServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    SimulatorWebhookSender sender;

    /** A 3-D Secure payment whose challenge the customer completes: the simulator reports it by webhook. */
    private String completedChallenge(SimulatorHttp client) {
        String key = key();
        SimulatorHttp.Response waiting = client.post(PAYMENTS, key, card("4000000000003220", true, reference()));
        assertThat(waiting.text("status")).isEqualTo("requires_action");
        client.submitForm("/simulator/3ds/" + waiting.text("id") + "/complete");
        return key;
    }

    private JsonNode onlyEvent(SimulatorHttp client, String paymentKey) {
        List<JsonNode> events = eventsAbout(client, ProcessorWebhook.Kind.AUTHORIZATION, paymentKey);
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    private JsonNode awaitEventStatus(SimulatorHttp client, String paymentKey, String status) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> onlyEvent(client, paymentKey), event -> status.equals(event.path("status").asString()));
    }

    @Test
    void eachChangeIsSentSignedAsAnEvent() {
        long before = System.currentTimeMillis() / 1000;
        String key = completedChallenge(sim);

        Delivered delivered = awaitWebhook(ProcessorWebhook.Kind.AUTHORIZATION, key);

        JsonNode event = delivered.event();
        assertThat(event.path("id").asString()).startsWith("simevt_").isEqualTo(delivered.webhook().eventId());
        assertThat(event.path("object").asString()).isEqualTo("event");
        assertThat(event.path("type").asString()).isEqualTo("payment.updated");
        assertThat(event.path("created").asLong()).isBetween(before, System.currentTimeMillis() / 1000);
        JsonNode payment = event.path("data").path("object");
        assertThat(payment.path("object").asString()).isEqualTo("simulator.payment");
        assertThat(payment.path("id").asString()).isEqualTo(sim.payment(key).text("id"));
        assertThat(payment.path("payment_key").asString()).isEqualTo(key);
        assertThat(payment.path("status").asString()).isEqualTo("captured");
        assertThat(delivered.request().headers().get("content-type")).startsWith("application/json");
        assertThat(delivered.request().headers().get("simulator-signature")).matches("t=[0-9]+,v1=[0-9a-f]{64}");
        JsonNode outbox = awaitEventStatus(sim, key, "delivered");
        assertThat(outbox.path("attempts").asInt()).isEqualTo(1);
        assertThat(outbox.path("id").asString()).isEqualTo(event.path("id").asString());
        // Signed with this account's secret only: another secret does not check out.
        assertThat(SimulatorWebhooks.verify(Secret.of("simwhsec_other"), delivered.request().headers(),
                delivered.request().body(), delivered.request().receivedAtMs() / 1000))
                .isEqualTo(new WebhookVerification.Rejected(WebhookVerification.Reason.BAD_SIGNATURE));
    }

    @Test
    void anEventWrittenInThisProcessWakesTheSender() {
        long before = sender.wakes();
        String key = completedChallenge(sim);
        awaitWebhook(ProcessorWebhook.Kind.AUTHORIZATION, key);
        assertThat(sender.wakes()).isGreaterThan(before);
    }

    @Test
    void aFailingEndpointGetsTheEventAgainAfterGrowingWaits() {
        RECEIVER.failNext(hookPath, 2);

        String key = completedChallenge(sim);
        Delivered delivered = awaitWebhook(ProcessorWebhook.Kind.AUTHORIZATION, key);

        List<WebhookReceiver.Request> tries = RECEIVER.at(hookPath);
        assertThat(tries).extracting(WebhookReceiver.Request::answered).containsExactly(500, 500, 200);
        assertThat(tries).extracting(request -> verified(request).webhook().eventId())
                .containsOnly(delivered.webhook().eventId());
        assertThat(tries.get(1).receivedAtMs() - tries.get(0).receivedAtMs()).isGreaterThanOrEqualTo(100);
        assertThat(tries.get(2).receivedAtMs() - tries.get(1).receivedAtMs()).isGreaterThanOrEqualTo(200);
        JsonNode outbox = awaitEventStatus(sim, key, "delivered");
        assertThat(outbox.path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void anEventIsDeadAfterItsLastTry() {
        RECEIVER.failAlways(hookPath);

        String key = completedChallenge(sim);
        JsonNode dead = awaitEventStatus(sim, key, "dead");

        assertThat(dead.path("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(dead.path("last_error").asString()).isEqualTo("the endpoint answered HTTP 500");
        assertThat(dead.path("next_attempt_at").isNull()).isTrue();
        assertThat(RECEIVER.at(hookPath)).hasSize(MAX_ATTEMPTS).allSatisfy(request -> {
            assertThat(request.answered()).isEqualTo(500);
            assertThat(verified(request).webhook().objectKey()).isEqualTo(key);
        });
    }

    @Test
    void eventsWaitForTheAccountToRegisterAnEndpoint() {
        SimulatorHttp unregistered = new SimulatorHttp(port, "ca_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 20));
        String path = "/hooks/" + unregistered.account;
        String key = completedChallenge(unregistered);

        JsonNode waiting = onlyEvent(unregistered, key);
        assertThat(waiting.path("status").asString()).isEqualTo("pending");
        assertThat(waiting.path("attempts").asInt()).isZero();

        long registeredAt = System.currentTimeMillis();
        SimulatorHttp.Response registered = unregistered.registerWebhookEndpoint(RECEIVER.url(path), key());
        JsonNode delivered = awaitEventStatus(unregistered, key, "delivered");

        assertThat(delivered.path("attempts").asInt()).isEqualTo(1);
        List<WebhookReceiver.Request> received = RECEIVER.at(path);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().receivedAtMs()).isGreaterThanOrEqualTo(registeredAt);
        assertThat(SimulatorWebhooks.verify(Secret.of(registered.text("secret")), received.getFirst().headers(),
                received.getFirst().body(), received.getFirst().receivedAtMs() / 1000))
                .isInstanceOf(WebhookVerification.Verified.class);
    }

    @Test
    void aRepeatedRegistrationKeepsItsSecretAndANewOneRotatesIt() {
        Secret first = webhookSecret;
        String registration = key();

        SimulatorHttp.Response rotated = sim.registerWebhookEndpoint(RECEIVER.url(hookPath), registration);
        SimulatorHttp.Response repeated = sim.registerWebhookEndpoint(RECEIVER.url(hookPath), registration);
        SimulatorHttp.Response reused = sim.registerWebhookEndpoint(RECEIVER.url("/elsewhere"), registration);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.text("object")).isEqualTo("simulator.webhook_endpoint");
        assertThat(rotated.text("url")).isEqualTo(RECEIVER.url(hookPath));
        assertThat(rotated.text("secret")).startsWith("simwhsec_").isNotEqualTo(first.reveal());
        assertThat(repeated.text("secret")).isEqualTo(rotated.text("secret"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.errorCode()).isEqualTo("idempotency_key_reused");

        // While the old secret is being replaced, events carry a signature with each: either checks out.
        String key = completedChallenge(sim);
        WebhookReceiver.Request request = await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> RECEIVER.at(hookPath), list -> !list.isEmpty()).getFirst();
        assertThat(request.headers().get("simulator-signature")).matches("t=[0-9]+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        for (Secret secret : List.of(first, Secret.of(rotated.text("secret")))) {
            WebhookVerification verification = SimulatorWebhooks.verify(secret, request.headers(), request.body(),
                    request.receivedAtMs() / 1000);
            assertThat(verification).isInstanceOfSatisfying(WebhookVerification.Verified.class,
                    verified -> assertThat(verified.webhook().objectKey()).isEqualTo(key));
        }
    }

    @Test
    void registrationsAreChecked() {
        String url = RECEIVER.url(hookPath);

        assertThat(sim.registerWebhookEndpoint(url, null).errorCode()).isEqualTo("missing_idempotency_key");
        assertThat(sim.registerWebhookEndpoint("ftp://127.0.0.1/hooks", key()).errorCode()).isEqualTo("invalid_request");
        assertThat(sim.registerWebhookEndpoint("/relative/only", key()).errorCode()).isEqualTo("invalid_request");
        assertThat(sim.post(SimulatorHttp.ACCOUNTS + "/" + sim.account + "/webhook_endpoint", key(), Map.of("url", 5))
                .errorCode()).isEqualTo("invalid_request");
        SimulatorHttp other = new SimulatorHttp(port, "ca_someone_else");
        SimulatorHttp.Response mismatched = other.post(SimulatorHttp.ACCOUNTS + "/" + sim.account + "/webhook_endpoint",
                key(), Map.of("url", url));
        assertThat(mismatched.status()).isEqualTo(400);
        assertThat(mismatched.errorCode()).isEqualTo("invalid_request");
        // None of that replaced the endpoint: events still go out signed with the test's secret.
        String key = completedChallenge(sim);
        assertThat(awaitWebhook(ProcessorWebhook.Kind.AUTHORIZATION, key).request().headers().get("simulator-signature"))
                .matches("t=[0-9]+,v1=[0-9a-f]{64}");
    }
}

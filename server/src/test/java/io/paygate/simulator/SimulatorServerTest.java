package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.connector.simulator.SimulatorWebhooks;
import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.connector.spi.Secret;
import io.paygate.connector.spi.WebhookVerification;
import io.paygate.support.TestDatabase;
import io.paygate.support.WebhookTestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole Paygate server on a random port with a fresh data directory, for driving the simulator
 * over HTTP. Subclasses share one application context. Each test is its own account at the simulator,
 * whose webhook endpoint is a receiver in the test, so the tests see exactly which events the
 * simulator sent, each one checked with the simulator connector's own signature verification.
 * Webhook retries are quick here ({@link WebhookTestSettings}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"paygate.demo.enabled=false", WebhookTestSettings.SIMULATOR_MAX_ATTEMPTS,
                WebhookTestSettings.SIMULATOR_RETRY_BASE, WebhookTestSettings.SIMULATOR_RETRY_MAX,
                WebhookTestSettings.SIMULATOR_UNREGISTERED_RETRY, WebhookTestSettings.INBOUND_UNKNOWN_OBJECT_ATTEMPTS,
                WebhookTestSettings.INBOUND_RETRY_BASE, WebhookTestSettings.INBOUND_RETRY_MAX})
abstract class SimulatorServerTest {

    private static final Path DATA_DIR = freshDirectory();
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    static final int MAX_ATTEMPTS = WebhookTestSettings.SIMULATOR_ATTEMPTS;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One webhook the simulator delivered, as the connector reads it, and the event it carried. */
    record Delivered(ProcessorWebhook webhook, JsonNode event, WebhookReceiver.Request request) {
    }

    @LocalServerPort
    int port;

    SimulatorHttp sim;
    /** Where this test's account's webhooks go, and the secret they are signed with. */
    String hookPath;
    Secret webhookSecret;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("paygate.data-dir", DATA_DIR::toString);
        if (TestDatabase.isPostgres()) {
            registry.add("spring.datasource.url", TestDatabase::postgresUrl);
            registry.add("spring.datasource.username", TestDatabase::postgresUser);
            registry.add("spring.datasource.password", TestDatabase::postgresPassword);
            TestDatabase.sharedVaultKeys().forEach((name, value) -> registry.add(name, () -> value));
        }
    }

    @BeforeEach
    void newAccount() {
        // Each test is its own merchant account at the simulator, so lists, keys and webhooks never collide.
        sim = new SimulatorHttp(port, "ca_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        hookPath = "/hooks/" + sim.account;
        SimulatorHttp.Response registered = sim.registerWebhookEndpoint(RECEIVER.url(hookPath), key());
        assertThat(registered.status()).as(registered.raw()).isEqualTo(200);
        webhookSecret = Secret.of(registered.text("secret"));
    }

    static String key() {
        return "key_" + UUID.randomUUID();
    }

    static String reference() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Polls the payment until it has {@code status}, failing after {@code within}. */
    SimulatorHttp.Response awaitStatus(String idempotencyKey, String status, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> sim.payment(idempotencyKey), r -> r.status() == 200 && status.equals(r.text("status")));
    }

    /** Polls the refund until it has {@code status}, failing after {@code within}. */
    SimulatorHttp.Response awaitRefund(String refundKey, String status, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> sim.refundOf(refundKey), r -> r.status() == 200 && status.equals(r.text("status")));
    }

    /** Polls until the payment has its dispute, failing after {@code within}. */
    SimulatorHttp.Response awaitDispute(String paymentKey, Duration within) {
        SimulatorHttp.Response list = await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> sim.disputesOf(paymentKey), r -> r.status() == 200 && r.data().size() == 1);
        return sim.dispute(list.data().getFirst().get("id").asString());
    }

    /** Polls the dispute until it has {@code status}, failing after {@code within}. */
    SimulatorHttp.Response awaitDisputeStatus(String disputeId, String status, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> sim.dispute(disputeId), r -> r.status() == 200 && status.equals(r.text("status")));
    }

    /**
     * The webhooks this test's endpoint accepted, in order of arrival. Each must pass the simulator
     * connector's verification with the account's secret, as Paygate checks them.
     */
    List<Delivered> delivered() {
        return RECEIVER.at(hookPath).stream().filter(WebhookReceiver.Request::delivered).map(this::verified).toList();
    }

    Delivered verified(WebhookReceiver.Request request) {
        WebhookVerification verification = SimulatorWebhooks.verify(webhookSecret, request.headers(), request.body(),
                request.receivedAtMs() / 1000);
        assertThat(verification).as(request.text()).isInstanceOf(WebhookVerification.Verified.class);
        return new Delivered(((WebhookVerification.Verified) verification).webhook(), JSON.readTree(request.body()),
                request);
    }

    /** The webhooks about one object this test's endpoint accepted. */
    List<Delivered> deliveredAbout(ProcessorWebhook.Kind kind, String objectKey) {
        return delivered().stream()
                .filter(d -> d.webhook().kind() == kind && d.webhook().objectKey().equals(objectKey)).toList();
    }

    /** Waits until the endpoint accepted {@code count} webhooks about the object; returns them. */
    List<Delivered> awaitWebhooks(ProcessorWebhook.Kind kind, String objectKey, int count) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> deliveredAbout(kind, objectKey), list -> list.size() >= count);
    }

    Delivered awaitWebhook(ProcessorWebhook.Kind kind, String objectKey) {
        return awaitWebhooks(kind, objectKey, 1).getFirst();
    }

    /**
     * The events about one object in the simulator's outbox, whether sent yet or not. The outbox row is
     * written in the transaction of the change, so this is exact as soon as the change is visible.
     */
    List<JsonNode> eventsAbout(SimulatorHttp client, ProcessorWebhook.Kind kind, String objectKey) {
        return client.webhookDeliveries().data().stream()
                .filter(d -> kindOf(d.path("event").path("type").asString()) == kind)
                .filter(d -> objectKey.equals(d.path("event").path("data").path("object").path(keyField(kind)).asString()))
                .toList();
    }

    List<JsonNode> eventsAbout(ProcessorWebhook.Kind kind, String objectKey) {
        return eventsAbout(sim, kind, objectKey);
    }

    private static ProcessorWebhook.Kind kindOf(String type) {
        if (type.startsWith("payment.")) {
            return ProcessorWebhook.Kind.AUTHORIZATION;
        }
        return type.startsWith("refund.") ? ProcessorWebhook.Kind.REFUND : ProcessorWebhook.Kind.DISPUTE;
    }

    private static String keyField(ProcessorWebhook.Kind kind) {
        return switch (kind) {
            case AUTHORIZATION -> "payment_key";
            case REFUND -> "refund_key";
            case DISPUTE -> "id";
        };
    }

    private static Path freshDirectory() {
        try {
            return Files.createTempDirectory("paygate-simulator-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

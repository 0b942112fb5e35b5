package io.paygate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.Poll;
import io.paygate.support.ServerProcess;
import io.paygate.support.TestDatabase;
import io.paygate.support.WebhookReceiver;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook delivery across process deaths and several nodes: committed events survive a SIGKILL,
 * two nodes on one PostgreSQL share the queue without sending a delivery twice at once, and an
 * endpoint that keeps failing is switched off with an event saying so. On PostgreSQL each test's
 * servers have a database of their own: on the suite's shared one, the test JVM's servers (with
 * other retry schedules, leases and limits) would take part in their queue.
 */
class WebhookReliabilityIT {

    private String database;

    @BeforeEach
    void ownDatabase() {
        database = TestDatabase.createScratch("webhooks");
    }

    @AfterEach
    void dropDatabase() {
        TestDatabase.dropScratch(database);
    }

    private static final String ADMIN = "admin_webhook_reliability";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<String, String> properties(String... extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "paygate.admin-token", ADMIN,
                "paygate.demo.enabled", "false",
                "paygate.webhooks.retry-schedule", "PT0.3S,PT0.6S,PT1S,PT1S,PT1S",
                "paygate.webhooks.poll-interval", "PT0.1S",
                "paygate.webhooks.lease", "PT5S",
                "paygate.webhooks.timeout", "PT3S",
                // A few at a time, so that the deliveries go in rounds and a kill lands among them.
                "paygate.webhooks.per-endpoint-concurrency", "4"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    private static String onboard(HttpApi api) {
        JsonNode merchant = api.post("/v1/merchants", ADMIN, "name", "Webhook shop").json();
        for (JsonNode key : merchant.path("api_keys")) {
            if (!key.path("livemode").asBoolean() && key.path("type").asString().equals("secret")) {
                return key.path("secret").asString();
            }
        }
        throw new IllegalStateException("no key");
    }

    private static Set<String> eventIds(WebhookReceiver receiver) {
        return receiver.received().stream().map(r -> JSON.readTree(r.body()).path("id").asString()).collect(Collectors.toSet());
    }

    @Test
    void committedEventsAreDeliveredAfterTheServerIsKilled() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             ServerProcess server = new ServerProcess(Files.createTempDirectory("paygate-wh-kill-"), properties()).onDatabase(database).start()) {
            HttpApi api = new HttpApi(server.baseUrl());
            String key = onboard(api);
            api.post("/v1/webhook_endpoints", key, "url", receiver.url("/orders"), "enabled_events[]", "customer.created");
            receiver.answer(r -> new WebhookReceiver.Answer(200, 400));
            for (int i = 0; i < 20; i++) {
                api.post("/v1/customers", key, "email", "k" + i + "@shop.test");
            }
            Poll.until(Duration.ofSeconds(20), () -> receiver.received().size(), n -> n >= 3, "deliveries to be under way");
            server.kill();
            assertThat(eventIds(receiver).size()).as("the kill interrupted the deliveries").isLessThan(20);
            receiver.answer(r -> new WebhookReceiver.Answer(200, 0));
            server.start();
            Set<String> delivered = Poll.until(Duration.ofSeconds(60), () -> eventIds(receiver), ids -> ids.size() == 20,
                    "every committed event to be delivered after the restart");
            assertThat(delivered).hasSize(20);
        }
    }

    @Test
    void twoNodesShareTheQueueWithoutSendingADeliveryTwiceAtOnce() throws Exception {
        Assumptions.assumeTrue(TestDatabase.isPostgres(), "several nodes need the shared PostgreSQL database");
        // Nodes of one deployment share their vault keys; ServerProcess gives every test server the same ones.
        try (WebhookReceiver receiver = new WebhookReceiver();
             ServerProcess a = new ServerProcess(Files.createTempDirectory("paygate-wh-a-"), properties()).onDatabase(database).start();
             ServerProcess b = new ServerProcess(Files.createTempDirectory("paygate-wh-b-"), properties()).onDatabase(database).start()) {
            HttpApi nodeA = new HttpApi(a.baseUrl());
            HttpApi nodeB = new HttpApi(b.baseUrl());
            String key = onboard(nodeA);
            String endpoint = nodeA.post("/v1/webhook_endpoints", key, "url", receiver.url("/shared"), "enabled_events[]",
                    "customer.created").text("id");
            receiver.answer(r -> new WebhookReceiver.Answer(200, 150));
            for (int i = 0; i < 40; i++) {
                (i % 2 == 0 ? nodeA : nodeB).post("/v1/customers", key, "email", "n" + i + "@shop.test");
            }
            Poll.until(Duration.ofSeconds(60), () -> eventIds(receiver).size(), n -> n == 40, "all 40 events to arrive");
            assertThat(receiver.overlappingDeliveries()).isZero();
            Set<String> nodes = new java.util.HashSet<>();
            for (JsonNode delivery : nodeA.get("/v1/webhook_endpoints/" + endpoint + "/deliveries", key, "limit", "100")
                    .json().path("data")) {
                delivery.path("attempts").forEach(attempt -> nodes.add(attempt.path("node").asString()));
            }
            assertThat(nodes).as("both nodes delivered").hasSize(2);
        }
    }

    @Test
    void anEndpointFailingForTooLongIsDisabledWithAnEvent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             ServerProcess server = new ServerProcess(Files.createTempDirectory("paygate-wh-disable-"),
                     properties("paygate.webhooks.disable-after", "PT2S")).onDatabase(database).start()) {
            HttpApi api = new HttpApi(server.baseUrl());
            String key = onboard(api);
            String failing = api.post("/v1/webhook_endpoints", key, "url", receiver.url("/broken"), "enabled_events[]",
                    "customer.created").text("id");
            api.post("/v1/webhook_endpoints", key, "url", receiver.url("/healthy"), "enabled_events[]", "webhook_endpoint.disabled");
            receiver.answer(r -> r.path().equals("/broken") ? new WebhookReceiver.Answer(500, 0) : new WebhookReceiver.Answer(200, 0));
            for (int i = 0; i < 4; i++) {
                api.post("/v1/customers", key, "email", "d" + i + "@shop.test");
            }
            Poll.until(Duration.ofSeconds(30), () -> api.get("/v1/webhook_endpoints/" + failing, key).text("status"),
                    "disabled"::equals, "the failing endpoint to be disabled");
            assertThat(api.get("/v1/webhook_endpoints/" + failing, key).text("disabled_reason")).isEqualTo("failing_deliveries");
            assertThat(api.get("/v1/events", key, "type", "webhook_endpoint.disabled").json().path("data")).hasSize(1);
            Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt("/healthy").size(), n -> n == 1,
                    "the other endpoint to hear about it");
        }
    }
}

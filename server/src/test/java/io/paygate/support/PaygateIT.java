package io.paygate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the integration tests: a real Paygate on a random port, on the embedded H2 file database
 * or on PostgreSQL (see {@link TestDatabase}), driven over HTTP. Every subclass shares one server
 * (one Spring context) per JVM; tests isolate themselves by onboarding their own merchants.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "paygate.admin-token=" + PaygateIT.ADMIN_TOKEN,
        "paygate.demo.enabled=false",
        "paygate.simulator.timeout=PT3S",
        "paygate.reconciler.processor-timeout=PT3S",
        "paygate.reconciler.grace=PT1S",
        "paygate.reconciler.interval=PT0.2S",
        "paygate.reconciler.initial-delay=PT0.5S",
        "paygate.reconciler.unknown-retry=PT0.5S",
        "paygate.reconciler.pending-poll=PT0.5S",
        "paygate.reconciler.action-poll=PT5S",
        "paygate.ledger.release-interval=PT0.5S",
        "paygate.webhooks.retry-schedule=PT0.3S,PT0.6S,PT1.2S",
        "paygate.webhooks.timeout=PT1S",
        "paygate.webhooks.poll-interval=PT0.1S",
        WebhookTestSettings.SIMULATOR_MAX_ATTEMPTS,
        WebhookTestSettings.SIMULATOR_RETRY_BASE,
        WebhookTestSettings.SIMULATOR_RETRY_MAX,
        WebhookTestSettings.SIMULATOR_UNREGISTERED_RETRY,
        WebhookTestSettings.INBOUND_UNKNOWN_OBJECT_ATTEMPTS,
        WebhookTestSettings.INBOUND_RETRY_BASE,
        WebhookTestSettings.INBOUND_RETRY_MAX,
        "logging.file.name=target/test-logs/paygate-server.log"
})
public abstract class PaygateIT {

    public static final String ADMIN_TOKEN = "admin_test_token_for_integration_tests";

    @LocalServerPort
    protected int port;

    protected HttpApi api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("paygate.data-dir", () -> TestDatabase.dataDir().toString());
        if (TestDatabase.isPostgres()) {
            registry.add("spring.datasource.url", TestDatabase::postgresUrl);
            registry.add("spring.datasource.username", TestDatabase::postgresUser);
            registry.add("spring.datasource.password", TestDatabase::postgresPassword);
            TestDatabase.sharedVaultKeys().forEach((name, value) -> registry.add(name, () -> value));
        }
    }

    @BeforeEach
    void connect() {
        api = new HttpApi("http://localhost:" + port);
    }

    /** Onboards a fresh merchant through the platform API. */
    protected TestMerchant newMerchant() {
        HttpApi.Response created = api.post("/v1/merchants", ADMIN_TOKEN, "name", "Test shop " + UUID.randomUUID(),
                "email", "owner@shop.test", "country", "US");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String secret = null;
        String publishable = null;
        String liveSecret = null;
        for (JsonNode key : created.json().path("api_keys")) {
            boolean live = key.path("livemode").asBoolean();
            switch (key.path("type").asString()) {
                case "secret" -> {
                    if (live) {
                        liveSecret = key.path("secret").asString();
                    } else {
                        secret = key.path("secret").asString();
                    }
                }
                case "publishable" -> {
                    if (!live) {
                        publishable = key.path("secret").asString();
                    }
                }
                default -> {
                }
            }
        }
        HttpApi.Response accounts = api.get("/v1/connector_accounts", secret);
        String simulator = accounts.json().path("data").get(0).path("id").asString();
        return new TestMerchant(created.text("id"), secret, publishable, liveSecret, simulator);
    }

    /** Changes the simulator's behaviour for one merchant (latency, error rates, async delay). */
    protected void configureSimulator(TestMerchant merchant, String... settings) {
        String[] params = new String[settings.length];
        for (int i = 0; i < settings.length; i += 2) {
            params[i] = "settings[" + settings[i] + "]";
            params[i + 1] = settings[i + 1];
        }
        HttpApi.Response response = api.post("/v1/connector_accounts/" + merchant.simulatorAccountId(), merchant.secretKey(), params);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    protected JsonNode pollIntent(TestMerchant merchant, String intentId, java.util.function.Predicate<String> status) {
        return Poll.until(Duration.ofSeconds(30), () -> api.get("/v1/payment_intents/" + intentId, merchant.secretKey()).json(),
                json -> status.test(json.path("status").asString()), "payment intent " + intentId + " status");
    }
}

package io.paygate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.Poll;
import io.paygate.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kills the server (SIGKILL) while payments are in flight against a slow simulator, starts it
 * again on the same database, and checks that the reconciler brings every payment intent to a
 * final or {@code requires_*} state with no intent charged twice by the simulator. A client that then
 * retries its request with the same idempotency key gets the intent that request created, as it stands,
 * and nothing is created or charged again.
 */
class CrashRecoveryIT {

    private static final String ADMIN = "admin_crash_test";
    private static final int LATENCY_MS = 15_000;
    private static final Set<String> SETTLED = Set.of("succeeded", "canceled", "requires_payment_method",
            "requires_capture", "requires_action", "requires_confirmation");

    @Test
    void everyInFlightPaymentIsResolvedAfterAKillAndNothingIsChargedTwice() throws Exception {
        Path dataDir = Files.createTempDirectory("paygate-crash-");
        Map<String, String> properties = Map.of(
                "paygate.admin-token", ADMIN,
                "paygate.demo.enabled", "false",
                // The simulator holds every payment for LATENCY_MS, so all of them are still inside the
                // processor call when the server is killed; the call's timeout is longer than that hold.
                "paygate.simulator.timeout", "PT20S",
                "paygate.reconciler.processor-timeout", "PT20S",
                // The reconciler chases an attempt 40 s after it began: long enough that a restart on a slow,
                // shared machine (over 10 s here) is ready first, so the test sees the payments still processing.
                "paygate.reconciler.grace", "PT20S",
                "paygate.reconciler.interval", "PT0.2S",
                "paygate.reconciler.unknown-retry", "PT0.5S",
                // A key held by a request that died is free for its retries a second after it was claimed.
                "paygate.idempotency.lease", "PT1S",
                "logging.structured.format.console", "ecs");
        try (ServerProcess server = new ServerProcess(dataDir, properties).start()) {
            HttpApi api = new HttpApi(server.baseUrl());
            HttpApi.Response merchant = api.post("/v1/merchants", ADMIN, "name", "Crash test shop");
            String key = secretKey(merchant.json());
            String account = api.get("/v1/connector_accounts", key).json().path("data").get(0).path("id").asString();
            api.post("/v1/connector_accounts/" + account, key, "settings[latency_ms]", String.valueOf(LATENCY_MS));

            int payments = 24;
            List<String> keys = new ArrayList<>();
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            for (int i = 0; i < payments; i++) {
                String idempotencyKey = UUID.randomUUID().toString();
                keys.add(idempotencyKey);
                String capture = captureMethod(i);
                clients.submit(() -> {
                    try {
                        api.post("/v1/payment_intents", key, Map.of("Idempotency-Key", idempotencyKey),
                                "amount", "1500", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true",
                                "capture_method", capture);
                    } catch (RuntimeException expectedWhenKilled) {
                        // The connection dies with the server; the payment's fate is decided after restart.
                    }
                });
            }
            List<JsonNode> received = Poll.until(Duration.ofSeconds(30), () -> simulatorPayments(api, account),
                    list -> list.size() == payments, "the simulator to have received every payment");
            assertThat(received).as("payments held by the simulator at the kill")
                    .allMatch(p -> p.path("status").asString().equals("received"));
            server.kill();
            clients.shutdownNow();

            server.start();
            List<JsonNode> intents = listIntents(api, key);
            assertThat(intents).isNotEmpty();
            assertThat(intents).as("the kill interrupted payments in flight")
                    .anyMatch(p -> p.path("status").asString().equals("processing"));
            List<JsonNode> settled = Poll.until(Duration.ofSeconds(90), () -> listIntents(api, key),
                    list -> list.stream().allMatch(p -> SETTLED.contains(p.path("status").asString())),
                    "every payment intent to be resolved after the restart");
            Map<String, String> statuses = new HashMap<>();
            settled.forEach(intent -> statuses.put(intent.path("id").asString(), intent.path("status").asString()));
            Set<String> answered = new java.util.HashSet<>();
            for (int i = 0; i < payments; i++) {
                HttpApi.Response retry = api.post("/v1/payment_intents", key, Map.of("Idempotency-Key", keys.get(i)),
                        "amount", "1500", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true",
                        "capture_method", captureMethod(i));
                assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
                assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(statuses).as("the retry answers an intent its first request created").containsKey(retry.text("id"));
                assertThat(retry.text("status")).isEqualTo(statuses.get(retry.text("id")));
                answered.add(retry.text("id"));
            }
            assertThat(answered).as("each key answers its own intent").hasSize(payments);
            assertThat(listIntents(api, key)).as("intents after the retries").hasSize(settled.size());
            Map<String, Integer> charged = new HashMap<>();
            for (JsonNode payment : simulatorPayments(api, account)) {
                String status = payment.path("status").asString();
                if (status.equals("captured") || status.equals("authorized")) {
                    charged.merge(payment.path("reference").asString(), 1, Integer::sum);
                }
            }
            assertThat(charged.values()).allMatch(count -> count == 1);
            for (JsonNode intent : settled) {
                String id = intent.path("id").asString();
                boolean holdsMoney = intent.path("status").asString().equals("succeeded")
                        || intent.path("status").asString().equals("requires_capture");
                assertThat(charged.containsKey(id)).as("simulator charged %s (%s)", id, intent.path("status").asString())
                        .isEqualTo(holdsMoney);
            }
        }
    }

    private static String captureMethod(int payment) {
        return payment % 3 == 0 ? "manual" : "automatic";
    }

    private static String secretKey(JsonNode merchant) {
        for (JsonNode key : merchant.path("api_keys")) {
            if (!key.path("livemode").asBoolean() && key.path("type").asString().equals("secret")) {
                return key.path("secret").asString();
            }
        }
        throw new IllegalStateException("no test secret key in " + merchant);
    }

    private static List<JsonNode> listIntents(HttpApi api, String key) {
        HttpApi.Response response = api.get("/v1/payment_intents", key, "limit", "100");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        response.json().path("data").forEach(out::add);
        return out;
    }

    private static List<JsonNode> simulatorPayments(HttpApi api, String account) {
        List<JsonNode> out = new ArrayList<>();
        api.send("GET", "/simulator/v1/payments", null, Map.of("Simulator-Account", account), null, null)
                .json().path("data").forEach(out::add);
        return out;
    }
}

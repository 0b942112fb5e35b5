package io.paygate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Stripe's idempotency semantics on POST, and exactly one authorization under concurrent confirms. */
class IdempotencyIT extends PaygateIT {

    private TestMerchant merchant;

    @BeforeEach
    void setUp() {
        merchant = newMerchant();
    }

    private Map<String, String> key(String value) {
        return Map.of("Idempotency-Key", value);
    }

    @Test
    void replaysTheFirstResponseIncludingErrors() {
        String k = UUID.randomUUID().toString();
        HttpApi.Response first = api.post("/v1/payment_intents", merchant.secretKey(), key(k), "amount", "1000",
                "currency", "usd", "payment_method", "pm_card_chargeDeclined", "confirm", "true");
        assertThat(first.status()).isEqualTo(402);
        HttpApi.Response replay = api.post("/v1/payment_intents", merchant.secretKey(), key(k), "amount", "1000",
                "currency", "usd", "payment_method", "pm_card_chargeDeclined", "confirm", "true");
        assertThat(replay.status()).isEqualTo(402);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("Original-Request")).isEqualTo(first.header("Request-Id"));
        assertThat(simulatorPayments(first.json().path("error").path("payment_intent").path("id").asString())).hasSize(1);
    }

    @Test
    void reuseWithOtherParametersOrPathIsRefused() {
        String k = UUID.randomUUID().toString();
        assertThat(api.post("/v1/customers", merchant.secretKey(), key(k), "email", "a@shop.test").status()).isEqualTo(200);
        HttpApi.Response otherParams = api.post("/v1/customers", merchant.secretKey(), key(k), "email", "b@shop.test");
        assertThat(otherParams.status()).isEqualTo(400);
        assertThat(otherParams.errorType()).isEqualTo("idempotency_error");
        HttpApi.Response otherPath = api.post("/v1/payment_intents", merchant.secretKey(), key(k), "amount", "1000", "currency", "usd");
        assertThat(otherPath.status()).isEqualTo(400);
        assertThat(otherPath.errorType()).isEqualTo("idempotency_error");
    }

    @Test
    void requestsRejectedByValidationAreNotStored() {
        String k = UUID.randomUUID().toString();
        HttpApi.Response invalid = api.post("/v1/payment_intents", merchant.secretKey(), key(k), "amount", "-1", "currency", "usd");
        assertThat(invalid.status()).isEqualTo(400);
        HttpApi.Response valid = api.post("/v1/payment_intents", merchant.secretKey(), key(k), "amount", "1000", "currency", "usd");
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
    }

    @Test
    void keysAreScopedToTheMerchant() {
        TestMerchant second = newMerchant();
        String k = UUID.randomUUID().toString();
        HttpApi.Response a = api.post("/v1/customers", merchant.secretKey(), key(k), "email", "a@shop.test");
        HttpApi.Response b = api.post("/v1/customers", second.secretKey(), key(k), "email", "b@shop.test");
        assertThat(a.status()).isEqualTo(200);
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.text("id")).isNotEqualTo(a.text("id"));
        assertThat(b.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void overlongKeysAreRefused() {
        HttpApi.Response response = api.post("/v1/customers", merchant.secretKey(), key("k".repeat(256)), "email", "a@shop.test");
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void aRetryWhileTheFirstIsRunningGets409() throws Exception {
        configureSimulator(merchant, "latency_ms", "1500");
        String k = UUID.randomUUID().toString();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpApi.Response> first = pool.submit(() -> api.post("/v1/payment_intents", merchant.secretKey(), key(k),
                    "amount", "1000", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true"));
            // Wait until the first request is at the processor, so the retry surely arrives while it runs.
            io.paygate.support.Poll.until(java.time.Duration.ofSeconds(10), () -> api.send("GET", "/simulator/v1/payments",
                    null, Map.of("Simulator-Account", merchant.simulatorAccountId()), null, null).json().path("data").size(),
                    n -> n > 0, "the first request to reach the simulator");
            HttpApi.Response concurrent = api.post("/v1/payment_intents", merchant.secretKey(), key(k), "amount", "1000",
                    "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true");
            assertThat(concurrent.status()).as(concurrent.toString()).isEqualTo(409);
            assertThat(concurrent.errorType()).isEqualTo("idempotency_error");
            assertThat(first.get().status()).isEqualTo(200);
            HttpApi.Response after = api.post("/v1/payment_intents", merchant.secretKey(), key(k), "amount", "1000",
                    "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true");
            assertThat(after.text("id")).isEqualTo(first.get().text("id"));
        }
    }

    @Test
    void concurrentRequestsWithOneKeyCreateAndChargeOnePayment() throws Exception {
        configureSimulator(merchant, "latency_ms", "300");
        for (int round = 0; round < 3; round++) {
            String k = UUID.randomUUID().toString();
            java.util.Set<String> created = new java.util.HashSet<>();
            for (HttpApi.Response r : race(() -> api.post("/v1/payment_intents", merchant.secretKey(), key(k), "amount",
                    "1000", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true"))) {
                if (r.status() == 200) {
                    created.add(r.text("id"));
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(409);
                    assertThat(r.errorType()).isEqualTo("idempotency_error");
                }
            }
            assertThat(created).hasSize(1);
            assertThat(simulatorPayments(created.iterator().next())).hasSize(1);
        }
        assertThat(api.get("/v1/payment_intents", merchant.secretKey(), "limit", "100").json().path("data")).hasSize(3);
    }

    @Test
    void concurrentConfirmsAuthorizeExactlyOnce() throws Exception {
        configureSimulator(merchant, "latency_ms", "400");
        for (int round = 0; round < 3; round++) {
            String intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "2000", "currency", "usd",
                    "payment_method", "pm_card_visa").text("id");
            int succeeded = 0;
            for (HttpApi.Response r : race(() -> api.post("/v1/payment_intents/" + intent + "/confirm", merchant.secretKey()))) {
                if (r.status() == 200) {
                    succeeded++;
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(400);
                    assertThat(r.errorCode()).isEqualTo("payment_intent_unexpected_state");
                }
            }
            assertThat(succeeded).isEqualTo(1);
            assertThat(simulatorPayments(intent)).hasSize(1);
            assertThat(api.get("/v1/payment_intents/" + intent, merchant.secretKey()).text("status")).isEqualTo("succeeded");
        }
    }

    /** Six copies of {@code request} sent at the same moment, and their answers. */
    private static List<HttpApi.Response> race(java.util.concurrent.Callable<HttpApi.Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpApi.Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<HttpApi.Response> answers = new ArrayList<>();
            for (Future<HttpApi.Response> result : results) {
                answers.add(result.get());
            }
            return answers;
        }
    }

    private List<JsonNode> simulatorPayments(String reference) {
        JsonNode list = api.send("GET", "/simulator/v1/payments?reference=" + reference, null,
                Map.of("Simulator-Account", merchant.simulatorAccountId()), null, null).json();
        List<JsonNode> out = new ArrayList<>();
        list.path("data").forEach(out::add);
        return out;
    }
}

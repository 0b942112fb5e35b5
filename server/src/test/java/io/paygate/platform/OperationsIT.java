package io.paygate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health, readiness, metrics behind the admin token, the API description, request ids and trace context. */
class OperationsIT extends PaygateIT {

    @Test
    void healthAndReadiness() {
        assertThat(api.get("/healthz", null).status()).isEqualTo(200);
        HttpApi.Response ready = api.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text("database")).isEqualTo("ok");
        assertThat(ready.text("migrations")).isEqualTo("up_to_date");
    }

    @Test
    void metricsNeedTheAdminToken() {
        assertThat(api.get("/metrics", null).status()).isEqualTo(401);
        HttpApi.Response metrics = api.get("/metrics", ADMIN_TOKEN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds").contains("hikaricp_connections");
    }

    @Test
    void theApiDescriptionListsTheEndpoints() {
        HttpApi.Response openapi = api.get("/openapi.json", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().path("paths").has("/v1/payment_intents")).isTrue();
        assertThat(openapi.json().path("paths").has("/v1/payment_intents/{id}/confirm")).isTrue();
        assertThat(openapi.json().path("paths").has("/v1/customers")).isTrue();
        var create = openapi.json().path("paths").path("/v1/payment_intents").path("post");
        var form = create.path("requestBody").path("content").path("application/x-www-form-urlencoded").path("schema");
        assertThat(form.path("properties").path("amount").path("type").asString()).isEqualTo("integer");
        assertThat(form.path("properties").path("payment_method_data").path("properties").has("card")).isTrue();
        assertThat(create.path("responses").has("402")).isTrue();
        var list = openapi.json().path("paths").path("/v1/payment_intents").path("get").path("parameters");
        assertThat(list.findValuesAsString("name")).contains("limit", "starting_after", "created[gte]", "customer", "expand[]")
                .doesNotContain("ctx", "params");
        var schema = openapi.json().path("components").path("schemas").path("payment_intent").path("properties");
        assertThat(schema.has("status")).isTrue();
        assertThat(schema.has("attempts")).isTrue();
        assertThat(schema.path("next_action").path("properties").has("redirect_to_url")).isTrue();
        for (String object : new String[] {"charge", "customer", "payment_method", "event", "connector_account", "error"}) {
            assertThat(openapi.json().path("components").path("schemas").has(object)).as(object).isTrue();
        }
    }

    @Test
    void requestIdsAndTraceContextReachTheLogs() throws Exception {
        TestMerchant merchant = newMerchant();
        String traceId = lettersOnlyHex(32);
        HttpApi.Response response = api.post("/v1/customers", merchant.secretKey(),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01", "X-Correlation-Id", "order-7781"),
                "email", "trace@shop.test");
        String requestId = response.header("Request-Id");
        assertThat(requestId).startsWith("req_");
        Path log = Path.of("target/test-logs/paygate-server.log");
        String line = Poll.until(Duration.ofSeconds(10), () -> lineWith(log, traceId), l -> l != null,
                "a log line with the incoming trace id");
        assertThat(line).contains(requestId).contains(merchant.id()).contains("\"mode\":\"test\"").contains("order-7781");
    }

    @Test
    void aProcessorCallCarriesTheCallersTraceAndCorrelationIds() {
        TestMerchant merchant = newMerchant();
        String traceId = lettersOnlyHex(32);
        String correlationId = "order-" + lettersOnlyHex(24);
        HttpApi.Response paid = api.post("/v1/payment_intents", merchant.secretKey(),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01", "X-Correlation-Id", correlationId),
                "amount", "1000", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        // The simulator is called over HTTP like any processor; its own request's access line shows
        // what the call carried: the caller's correlation id and a traceparent in the caller's trace.
        Path log = Path.of("target/test-logs/paygate-server.log");
        String line = Poll.until(Duration.ofSeconds(10), () -> lineWith(log, "/simulator/", correlationId), l -> l != null,
                "the simulator's access line for the payment");
        assertThat(line).contains(traceId);
    }

    /**
     * Random hex without digits: the log redacts runs of digits that could be a card number, and a random
     * UUID (digits with dashes between) sometimes is one, which then never appears in the log as sent.
     */
    private static String lettersOnlyHex(int length) {
        StringBuilder out = new StringBuilder(length);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(6)));
        }
        return out.toString();
    }

    private static String lineWith(Path log, String... texts) {
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (java.util.Arrays.stream(texts).allMatch(line::contains) && line.contains("requestId")) {
                    return line;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}

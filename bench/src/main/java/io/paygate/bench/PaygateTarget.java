package io.paygate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Paygate as the bench drives it: plain HTTP, the way a merchant's backend calls it. */
public final class PaygateTarget {

    /** A merchant onboarded for the run, with its test secret key and simulator connector account. */
    public record Merchant(String id, String secretKey, String simulatorAccount) {
    }

    /** One HTTP answer, with the request id Paygate assigned. */
    /**
     * @param processorMicros the time the server says it waited on the processor for this request
     *                        (its {@code Server-Timing: processor;dur=…} header), or -1 without one
     */
    public record Answer(int status, String body, String requestId, long processorMicros) {
    }

    private static final java.util.regex.Pattern PROCESSOR_TIMING =
            java.util.regex.Pattern.compile("(?:^|,)\\s*processor;dur=([0-9.]+)");

    /** The processor's share in a {@code Server-Timing} header, in microseconds; -1 when it has none. */
    static long processorMicros(String serverTiming) {
        if (serverTiming == null) {
            return -1;
        }
        java.util.regex.Matcher m = PROCESSOR_TIMING.matcher(serverTiming);
        return m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1000) : -1;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public PaygateTarget(String baseUrl, String adminToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminToken = adminToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Merchant onboard(String name) {
        JsonNode merchant = json(post("/v1/merchants", adminToken, null, "name", name));
        String key = null;
        for (JsonNode k : merchant.path("api_keys")) {
            if (!k.path("livemode").asBoolean() && k.path("type").asString().equals("secret")) {
                key = k.path("secret").asString();
            }
        }
        String account = json(get("/v1/connector_accounts", key)).path("data").get(0).path("id").asString();
        return new Merchant(merchant.path("id").asString(), key, account);
    }

    /** The simulator's latency, with the connector's timeout 30 s above it so every payment gets its answer. */
    public void simulatorLatency(Merchant merchant, long latencyMs) {
        Answer answer = post("/v1/connector_accounts/" + merchant.simulatorAccount(), merchant.secretKey(), null,
                "settings[latency_ms]", String.valueOf(latencyMs), "settings[timeout_ms]", String.valueOf(latencyMs + 30_000));
        require(answer, "configure the simulator");
    }

    public void settlementDelay(Merchant merchant, int days) {
        require(post("/v1/merchants/" + merchant.id() + "/settlement", adminToken, null, "delay_days", String.valueOf(days)),
                "set the settlement delay");
    }

    /** The checkout: create and confirm a card payment with automatic capture, under a fresh idempotency key. */
    public Answer checkout(Merchant merchant) {
        return send(checkoutRequest(), merchant.secretKey(), UUID.randomUUID().toString());
    }

    /** A checkout whose SQL the server records (it runs with {@code paygate.diagnostics.sql-capture=true}). */
    public Answer capturedCheckout(Merchant merchant) {
        return send(checkoutRequest().header("Paygate-Capture-Sql", "true"), merchant.secretKey(), UUID.randomUUID().toString());
    }

    private HttpRequest.Builder checkoutRequest() {
        return form("/v1/payment_intents", "amount", "1999", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true");
    }

    public Answer retrieveIntent(Merchant merchant, String id) {
        return get("/v1/payment_intents/" + id, merchant.secretKey());
    }

    /** Milliseconds the server's JIT compilers have spent so far (its Prometheus metrics), or -1 if not reported. */
    public double jitMillis() {
        // The filter names the metric family; a counter's series carries the _total suffix.
        return PrometheusText.sum(get("/metrics?includedNames=jvm_compilation_time_ms", adminToken).body(),
                "jvm_compilation_time_ms_total", "");
    }

    public Answer health() {
        return get("/healthz", null);
    }

    public JsonNode sqlCapture(String requestId) {
        Answer answer = get("/v1/diagnostics/sql_capture/" + requestId, adminToken);
        require(answer, "read the SQL capture (start Paygate with paygate.diagnostics.sql-capture=true)");
        return json(answer);
    }

    public String webhookEndpoint(Merchant merchant, String url, String... events) {
        List<String> params = new ArrayList<>(List.of("url", url));
        for (String event : events) {
            params.add("enabled_events[]");
            params.add(event);
        }
        Answer answer = post("/v1/webhook_endpoints", merchant.secretKey(), null, params.toArray(String[]::new));
        require(answer, "create a webhook endpoint");
        return json(answer).path("id").asString();
    }

    public void deleteWebhookEndpoint(Merchant merchant, String id) {
        require(send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/webhook_endpoints/" + id)).DELETE(), merchant.secretKey(), null),
                "delete a webhook endpoint");
    }

    public Answer get(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), key, null);
    }

    public Answer post(String path, String key, String idempotencyKey, String... params) {
        return send(form(path, params), key, idempotencyKey);
    }

    private HttpRequest.Builder form(String path, String... params) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            if (i > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(params[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    }

    private Answer send(HttpRequest.Builder builder, String key, String idempotencyKey) {
        // Longer than any processor latency a scenario sets (the in-flight scenario's can exceed a minute).
        builder.timeout(Duration.ofMinutes(5));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Request-Id").orElse(null),
                    processorMicros(response.headers().firstValue("Server-Timing").orElse(null)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(Answer answer) {
        return JSON.readTree(answer.body());
    }

    private static void require(Answer answer, String what) {
        if (answer.status() != 200) {
            throw new IllegalStateException("Could not " + what + ": HTTP " + answer.status() + " " + answer.body());
        }
    }

    /**
     * A checkout's outcome: only a payment intent that answered {@code succeeded} counts; one left
     * {@code processing} (the processor did not answer in time) or declined is an error named by its status.
     */
    public static Outcome checkoutOutcome(Answer answer) {
        if (answer.status() / 100 != 2) {
            return Outcome.error("HTTP " + answer.status());
        }
        String status = json(answer).path("status").asString();
        return status.equals("succeeded") ? Outcome.ok(answer.processorMicros()) : Outcome.error("payment " + status);
    }

    /** Maps an answer to an outcome: 2xx is success, anything else an error named by its status. */
    public static Outcome outcome(Answer answer) {
        return answer.status() / 100 == 2 ? Outcome.OK : Outcome.error("HTTP " + answer.status());
    }
}

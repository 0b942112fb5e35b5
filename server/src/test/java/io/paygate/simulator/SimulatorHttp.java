package io.paygate.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the simulator over real HTTP, as its connector does. Redirects are not followed, to check them. */
final class SimulatorHttp {

    static final String PAYMENTS = "/simulator/v1/payments";
    static final String REFUNDS = "/simulator/v1/refunds";
    static final String DISPUTES = "/simulator/v1/disputes";
    static final String ACCOUNTS = "/simulator/v1/accounts";

    record Response(int status, String raw, JsonNode json, HttpResponse<String> http) {
        String text(String field) {
            JsonNode value = json.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }

        long number(String field) {
            return json.get(field).asLong();
        }

        /** The {@code data} of a list. */
        List<JsonNode> data() {
            return json.get("data").valueStream().toList();
        }

        String errorCode() {
            return json.path("error").path("code").asString();
        }

        String header(String name) {
            return http.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    final String account;

    SimulatorHttp(int port, String account) {
        this.base = "http://127.0.0.1:" + port;
        this.account = account;
    }

    String base() {
        return base;
    }

    Response post(String path, String idempotencyKey, Object body) {
        return send(postRequest(path, idempotencyKey, body, Duration.ofSeconds(30)));
    }

    HttpRequest postRequest(String path, String idempotencyKey, Object body, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
        if (account != null) {
            builder.header("Simulator-Account", account);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder.build();
    }

    Response get(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (account != null) {
            builder.header("Simulator-Account", account);
        }
        return send(builder.build());
    }

    /** A browser submitting one of the pages' forms. */
    Response submitForm(String path) {
        return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Response browse(String url) {
        return send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url)).GET().build());
    }

    Response payment(String idempotencyKey) {
        return get(PAYMENTS + "/" + idempotencyKey);
    }

    /** Refunds {@code amount} of the payment sent with {@code paymentKey}, with these simulation knobs. */
    Response refund(String paymentKey, String refundKey, long amount, Map<String, String> simulation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("reason", "requested_by_customer");
        body.put("simulation", simulation);
        return post(PAYMENTS + "/" + paymentKey + "/refunds", refundKey, body);
    }

    Response refundOf(String refundKey) {
        return get(REFUNDS + "/" + refundKey);
    }

    Response cancelRefund(String refundKey) {
        return post(REFUNDS + "/" + refundKey + "/cancel", "cancel_" + UUID.randomUUID(), Map.of());
    }

    Response disputesOf(String paymentKey) {
        return get(DISPUTES + "?payment_key=" + paymentKey);
    }

    Response dispute(String id) {
        return get(DISPUTES + "/" + id);
    }

    Response evidence(String disputeId, String operationKey, Map<String, String> evidence, boolean submit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("evidence", evidence);
        body.put("submit", submit);
        return post(DISPUTES + "/" + disputeId, operationKey, body);
    }

    Response closeDispute(String disputeId, String operationKey) {
        return post(DISPUTES + "/" + disputeId + "/close", operationKey, Map.of());
    }

    /** Registers (or replaces) the account's webhook endpoint; the answer carries the signing secret. */
    Response registerWebhookEndpoint(String url, String registrationKey) {
        return post(ACCOUNTS + "/" + account + "/webhook_endpoint", registrationKey, Map.of("url", url));
    }

    /** The events the simulator owes the account, newest first, with where each one is. */
    Response webhookDeliveries() {
        return get(ACCOUNTS + "/" + account + "/webhook_deliveries");
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    Response send(HttpRequest request) {
        try {
            return wrap(sendRaw(request));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response wrap(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.startsWith("application/json") && !response.body().isBlank()
                ? json.readTree(response.body()) : null;
        return new Response(response.statusCode(), response.body(), body, response);
    }

    static Map<String, Object> card(String number, boolean capture, String reference) {
        Map<String, Object> instrument = new LinkedHashMap<>();
        instrument.put("type", "card");
        instrument.put("number", number);
        instrument.put("exp_month", 12);
        instrument.put("exp_year", 2040);
        instrument.put("cvc", "123");
        return payment(instrument, capture, reference, Map.of());
    }

    static Map<String, Object> payment(Map<String, Object> instrument, boolean capture, String reference,
                                       Map<String, String> simulation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", 1999);
        body.put("currency", "usd");
        body.put("capture", capture);
        body.put("reference", reference);
        body.put("return_url", null);
        body.put("instrument", instrument);
        body.put("simulation", simulation);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }
}

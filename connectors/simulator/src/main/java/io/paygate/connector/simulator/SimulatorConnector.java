package io.paygate.connector.simulator;

import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.CancelRequest;
import io.paygate.connector.spi.CaptureRequest;
import io.paygate.connector.spi.Connector;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.LookupRequest;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.connector.spi.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks to the simulator processor over HTTP exactly as a connector for a remote processor
 * would: JSON requests, an API key, an idempotency key per operation, a request timeout, and
 * "unknown" for every answer that does not say what happened.
 */
public final class SimulatorConnector implements Connector {

    public static final String TYPE = "simulator";

    private final HttpClient http;
    private final Supplier<URI> defaultBaseUrl;
    private final Duration defaultTimeout;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param defaultBaseUrl where the simulator listens unless an account's {@code base_url} says otherwise
     *                       (a supplier, since a server on a random port knows it only once started)
     */
    public SimulatorConnector(Supplier<URI> defaultBaseUrl, Duration defaultTimeout) {
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultTimeout = defaultTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ProcessorOutcome authorize(AuthorizeRequest request) {
        return send(request.account(), "POST", "/v1/payments", request.idempotencyKey(),
                SimulatorMapper.paymentBody(request), request.trace());
    }

    @Override
    public ProcessorOutcome capture(CaptureRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", request.amount().amountMinor());
        return send(request.account(), "POST", "/v1/payments/" + encode(request.authorizationKey()) + "/capture",
                request.idempotencyKey(), body, request.trace());
    }

    @Override
    public ProcessorOutcome cancel(CancelRequest request) {
        return send(request.account(), "POST", "/v1/payments/" + encode(request.authorizationKey()) + "/void",
                request.idempotencyKey(), Map.of(), request.trace());
    }

    @Override
    public ProcessorOutcome lookup(LookupRequest request) {
        return send(request.account(), "GET", "/v1/payments/" + encode(request.authorizationKey()), null, null,
                request.trace());
    }

    @Override
    public io.paygate.connector.spi.RefundOutcome refund(io.paygate.connector.spi.RefundRequest request) {
        throw new UnsupportedOperationException("simulator refunds arrive with the simulator's refund API");
    }

    @Override
    public io.paygate.connector.spi.RefundOutcome lookupRefund(io.paygate.connector.spi.RefundLookupRequest request) {
        throw new UnsupportedOperationException("simulator refunds arrive with the simulator's refund API");
    }

    @Override
    public io.paygate.connector.spi.RefundOutcome cancelRefund(io.paygate.connector.spi.RefundLookupRequest request) {
        throw new UnsupportedOperationException("simulator refunds arrive with the simulator's refund API");
    }

    @Override
    public io.paygate.connector.spi.DisputeOutcome lookupDispute(io.paygate.connector.spi.DisputeRequest request) {
        throw new UnsupportedOperationException("simulator disputes arrive with the simulator's dispute API");
    }

    @Override
    public io.paygate.connector.spi.DisputeOutcome updateDisputeEvidence(io.paygate.connector.spi.DisputeRequest request) {
        throw new UnsupportedOperationException("simulator disputes arrive with the simulator's dispute API");
    }

    @Override
    public io.paygate.connector.spi.DisputeOutcome acceptDispute(io.paygate.connector.spi.DisputeRequest request) {
        throw new UnsupportedOperationException("simulator disputes arrive with the simulator's dispute API");
    }

    private ProcessorOutcome send(ConnectorAccount account, String method, String path, String idempotencyKey,
                                  Map<String, Object> body, RequestTrace trace) {
        String configured = account.settings().get("base_url");
        URI base = configured == null ? defaultBaseUrl.get() : URI.create(configured);
        Duration timeout = Duration.ofMillis(account.longSetting("timeout_ms", defaultTimeout.toMillis()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(base.getPath().replaceAll("/$", "") + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Simulator-Account", account.id());
        Secret apiKey = account.credentials().get("api_key");
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey.reveal());
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        trace.headers().forEach(builder::header);
        if (body == null) {
            builder.GET();
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new ProcessorOutcome.Unknown("simulator did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new ProcessorOutcome.Unknown("simulator connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessorOutcome.Unknown("interrupted while waiting for the simulator");
        }
        JsonNode parsed;
        try {
            parsed = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        } catch (JacksonException e) {
            return new ProcessorOutcome.Unknown("simulator answered HTTP " + response.statusCode() + " with unreadable JSON");
        }
        if (response.statusCode() / 100 == 2 && parsed != null) {
            return SimulatorMapper.outcome(parsed);
        }
        return SimulatorMapper.errorOutcome(response.statusCode(), parsed);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

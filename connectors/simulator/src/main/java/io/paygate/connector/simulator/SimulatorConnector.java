package io.paygate.connector.simulator;

import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.CancelRequest;
import io.paygate.connector.spi.CaptureRequest;
import io.paygate.connector.spi.Connector;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.DisputeOutcome;
import io.paygate.connector.spi.DisputeRequest;
import io.paygate.connector.spi.LookupRequest;
import io.paygate.connector.spi.OutboundHttp;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.RefundLookupRequest;
import io.paygate.connector.spi.RefundOutcome;
import io.paygate.connector.spi.RefundRequest;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.connector.spi.Secret;
import io.paygate.connector.spi.WebhookEndpointRegistration;
import io.paygate.connector.spi.WebhookVerification;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks to the simulator processor over HTTP exactly as a connector for a remote processor
 * would: JSON requests, an API key, an idempotency key per operation, a request timeout, and
 * "unknown" for every answer that does not say what happened.
 */
public final class SimulatorConnector implements Connector, AutoCloseable {

    public static final String TYPE = "simulator";
    /**
     * Connections kept open to the simulator at most: one per payment waiting on it, so as many as
     * payments may wait at once (the benchmark keeps 2,000 waiting).
     */
    static final int MAX_CONNECTIONS = 10_000;

    private final CloseableHttpClient http;
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
        this.http = OutboundHttp.client(SystemDefaultDnsResolver.INSTANCE, MAX_CONNECTIONS, Duration.ofSeconds(15), null);
    }

    @Override
    public void close() throws IOException {
        http.close();
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
    public RefundOutcome refund(RefundRequest request) {
        return switch (exchange(request.account(), "POST",
                "/v1/payments/" + encode(request.authorizationKey()) + "/refunds", request.idempotencyKey(),
                SimulatorMapper.refundBody(request), request.trace())) {
            case Reply.Answered answered -> SimulatorMapper.refundOutcome(answered.status(), answered.body());
            case Reply.NoAnswer none -> new RefundOutcome.Unknown(none.reason());
        };
    }

    @Override
    public RefundOutcome lookupRefund(RefundLookupRequest request) {
        return switch (exchange(request.account(), "GET", "/v1/refunds/" + encode(request.refundKey()), null, null,
                request.trace())) {
            case Reply.Answered answered -> SimulatorMapper.refundStateOutcome(answered.status(), answered.body());
            case Reply.NoAnswer none -> new RefundOutcome.Unknown(none.reason());
        };
    }

    /** A refund that is no longer pending cannot be canceled: its current state is the answer then. */
    @Override
    public RefundOutcome cancelRefund(RefundLookupRequest request) {
        return switch (exchange(request.account(), "POST", "/v1/refunds/" + encode(request.refundKey()) + "/cancel",
                UUID.randomUUID().toString(), Map.of(), request.trace())) {
            case Reply.Answered answered -> SimulatorMapper.isTooLateToCancel(answered.status(), answered.body())
                    ? lookupRefund(request)
                    : SimulatorMapper.refundStateOutcome(answered.status(), answered.body());
            case Reply.NoAnswer none -> new RefundOutcome.Unknown(none.reason());
        };
    }

    @Override
    public DisputeOutcome lookupDispute(DisputeRequest request) {
        return dispute(exchange(request.account(), "GET", "/v1/disputes/" + encode(request.disputeReference()), null,
                null, request.trace()));
    }

    @Override
    public DisputeOutcome updateDisputeEvidence(DisputeRequest request) {
        return dispute(exchange(request.account(), "POST", "/v1/disputes/" + encode(request.disputeReference()),
                operationKey(request), SimulatorMapper.disputeBody(request), request.trace()));
    }

    @Override
    public DisputeOutcome acceptDispute(DisputeRequest request) {
        return dispute(exchange(request.account(), "POST",
                "/v1/disputes/" + encode(request.disputeReference()) + "/close", operationKey(request), Map.of(),
                request.trace()));
    }

    private static DisputeOutcome dispute(Reply reply) {
        return switch (reply) {
            case Reply.Answered answered -> SimulatorMapper.disputeOutcome(answered.status(), answered.body());
            case Reply.NoAnswer none -> new DisputeOutcome.Unknown(none.reason());
        };
    }

    @Override
    public WebhookVerification verifyWebhook(ConnectorAccount account, Map<String, String> headers, byte[] rawBody,
                                             long nowEpochSecond) {
        return SimulatorWebhooks.verify(account.credentials().get(SimulatorWebhooks.SECRET_CREDENTIAL), headers, rawBody,
                nowEpochSecond);
    }

    /**
     * Registers (or replaces) the account's one webhook endpoint. The idempotency key is derived from
     * the account and the URL, so a repeat, or a second Paygate instance registering at the same time,
     * gets the same secret instead of replacing the one the first stored.
     */
    @Override
    public WebhookEndpointRegistration registerWebhookEndpoint(ConnectorAccount account, URI url, RequestTrace trace) {
        return switch (exchange(account, "POST", "/v1/accounts/" + encode(account.id()) + "/webhook_endpoint",
                SimulatorMapper.registrationKey(account.id(), url), SimulatorMapper.webhookEndpointBody(url), trace)) {
            case Reply.Answered answered -> SimulatorMapper.webhookEndpointRegistration(answered.status(), answered.body());
            case Reply.NoAnswer none -> new WebhookEndpointRegistration.Unknown(none.reason());
        };
    }

    /** Paygate's key for the change; a request without one still gets a key of its own, as every POST needs one. */
    private static String operationKey(DisputeRequest request) {
        return request.idempotencyKey() == null ? UUID.randomUUID().toString() : request.idempotencyKey();
    }

    /** What came back from the simulator: an HTTP answer (its JSON, if readable), or nothing usable. */
    private sealed interface Reply {
        /** @param body the parsed JSON, or null when the answer had no body */
        record Answered(int status, JsonNode body) implements Reply {
        }

        /** A timeout, a broken connection or an unreadable body: nothing is known. */
        record NoAnswer(String reason) implements Reply {
        }
    }

    private ProcessorOutcome send(ConnectorAccount account, String method, String path, String idempotencyKey,
                                  Map<String, Object> body, RequestTrace trace) {
        return switch (exchange(account, method, path, idempotencyKey, body, trace)) {
            case Reply.Answered answered -> answered.status() / 100 == 2 && answered.body() != null
                    ? SimulatorMapper.outcome(answered.body())
                    : SimulatorMapper.errorOutcome(answered.status(), answered.body());
            case Reply.NoAnswer none -> new ProcessorOutcome.Unknown(none.reason());
        };
    }

    private Reply exchange(ConnectorAccount account, String method, String path, String idempotencyKey,
                           Map<String, Object> body, RequestTrace trace) {
        String configured = account.settings().get("base_url");
        URI base = configured == null ? defaultBaseUrl.get() : URI.create(configured);
        Duration timeout = Duration.ofMillis(account.longSetting("timeout_ms", defaultTimeout.toMillis()));
        HttpUriRequestBase request = new HttpUriRequestBase(method, base.resolve(base.getPath().replaceAll("/$", "") + path));
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        request.setHeader("Accept", "application/json");
        request.setHeader("Simulator-Account", account.id());
        Secret apiKey = account.credentials().get("api_key");
        if (apiKey != null) {
            request.setHeader("Authorization", "Bearer " + apiKey.reveal());
        }
        if (idempotencyKey != null) {
            request.setHeader("Idempotency-Key", idempotencyKey);
        }
        trace.headers().forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new StringEntity(json.writeValueAsString(body), ContentType.APPLICATION_JSON));
        }
        Raw raw;
        ScheduledFuture<?> deadline = OutboundHttp.cancelAt(request, timeout);
        try {
            raw = http.execute(request, response -> new Raw(response.getCode(),
                    response.getEntity() == null ? null : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
        } catch (SocketTimeoutException e) {
            return timedOut(timeout);
        } catch (IOException e) {
            return request.isCancelled() ? timedOut(timeout)
                    : new Reply.NoAnswer("simulator connection failed: " + e.getClass().getSimpleName());
        } finally {
            deadline.cancel(false);
        }
        try {
            JsonNode parsed = raw.body() == null || raw.body().isBlank() ? null : json.readTree(raw.body());
            return new Reply.Answered(raw.status(), parsed);
        } catch (JacksonException e) {
            return new Reply.NoAnswer("simulator answered HTTP " + raw.status() + " with unreadable JSON");
        }
    }

    /** An answer as it came: its status and body text (null when it had none). */
    private record Raw(int status, String body) {
    }

    private static Reply timedOut(Duration timeout) {
        return new Reply.NoAnswer("simulator did not answer within " + timeout.toMillis() + " ms");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

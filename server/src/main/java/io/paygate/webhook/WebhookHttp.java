package io.paygate.webhook;

import io.paygate.connector.spi.OutboundHttp;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * The HTTP side of a webhook attempt: one POST, its status and the first kilobyte of the answer,
 * within the attempt timeout from start to end (the connection, the answer and its body together).
 * Connections to an endpoint are kept and reused.
 *
 * <p>Where the {@link UrlPolicy} forbids internal addresses (live mode always, test mode unless
 * configured), the addresses are checked as the connection is opened, on the very addresses it
 * connects to, so a host that resolves to a public address when checked and to an internal one a
 * moment later is still refused.
 */
@Component
class WebhookHttp {

    /** What came of one attempt: the status and the answer's first bytes, or why there was no answer. */
    record Result(Integer status, String body, String error) {
    }

    static final int BODY_LIMIT = 1024;
    /** Connections kept open at most; each endpoint's lane bounds its own share. */
    private static final int MAX_CONNECTIONS = 4096;
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final String USER_AGENT = "Paygate/1.0 (+webhooks)";

    private final WebhookSettings settings;
    private final CloseableHttpClient guarded;
    private final CloseableHttpClient local;

    WebhookHttp(WebhookSettings settings) {
        this.settings = settings;
        this.guarded = OutboundHttp.client(new PublicAddressesOnly(), MAX_CONNECTIONS, IDLE, USER_AGENT);
        this.local = settings.testModeAllowLocal()
                ? OutboundHttp.client(SystemDefaultDnsResolver.INSTANCE, MAX_CONNECTIONS, IDLE, USER_AGENT) : guarded;
    }

    /**
     * Sends {@code payload} to {@code target}. Never throws for what the endpoint or the network does:
     * that is the result's error.
     */
    Result post(URI target, boolean livemode, Map<String, String> headers, String payload) {
        HttpPost request = new HttpPost(target);
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(settings.timeout()))
                .setConnectionRequestTimeout(Timeout.of(settings.timeout())).build());
        headers.forEach(request::setHeader);
        request.setEntity(new StringEntity(payload, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        CloseableHttpClient http = livemode ? guarded : local;
        ScheduledFuture<?> deadline = OutboundHttp.cancelAt(request, settings.timeout());
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, request, null);
            String body;
            try {
                body = firstBytes(response.getEntity());
            } catch (IOException e) {
                body = null; // the status came, and it is the answer: a body cut off (or past the deadline) does not undo it
            }
            return new Result(response.getCode(), body, null);
        } catch (InternalAddress refused) {
            return new Result(null, null, refused.getMessage());
        } catch (SocketTimeoutException e) {
            return timedOut();
        } catch (IOException e) {
            return request.isCancelled() ? timedOut() : new Result(null, null, "connection failed: " + e.getClass().getSimpleName());
        } finally {
            deadline.cancel(false);
            if (response != null) {
                try {
                    response.close();
                } catch (IOException e) {
                    // The connection is dropped instead of kept; the attempt's result stands.
                }
            }
        }
    }

    private Result timedOut() {
        return new Result(null, null, "timed out after " + settings.timeout().toMillis() + " ms");
    }

    /**
     * The answer's first {@link #BODY_LIMIT} bytes. A longer answer is not read on: its connection is
     * dropped rather than drained.
     */
    private static String firstBytes(HttpEntity entity) throws IOException {
        if (entity == null) {
            return null;
        }
        InputStream in = entity.getContent();
        byte[] bytes = in.readNBytes(BODY_LIMIT + 1);
        if (bytes.length > BODY_LIMIT && in instanceof EofSensorInputStream unread) {
            unread.abort();
        }
        return new String(bytes, 0, Math.min(bytes.length, BODY_LIMIT), StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() throws IOException {
        guarded.close();
        local.close();
    }

    /** Refuses, as the connection is opened, a host any of whose addresses is internal ({@link UrlPolicy#isInternal}). */
    static final class PublicAddressesOnly implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                if (UrlPolicy.isInternal(address)) {
                    throw new InternalAddress(host);
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    /** A host that resolves to an internal address where only public ones may be called. */
    static final class InternalAddress extends UnknownHostException {
        InternalAddress(String host) {
            super("refused: " + host + " resolves to a loopback, link-local or private address");
        }
    }
}

package io.paygate.connector.spi;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client Paygate calls other servers with (processors, merchants' webhook endpoints): a
 * blocking client for the calling virtual thread, with a pool of kept connections, 4 KB buffers
 * (thousands of calls may wait at once, each holding one), limits on an answer's header lines, and
 * nothing done on the caller's behalf: no retries (a payment call's outcome is unknown unless it was
 * answered), redirects, cookies or compression. A connection idle for two seconds is checked before
 * it carries a call. {@link #cancelAt} ends a call at its deadline.
 */
public final class OutboundHttp {

    private static final int BUFFER_BYTES = 4096;

    /** One daemon thread for every call's deadline in the process. */
    private static final class Deadlines {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer =
                    new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("outbound-http-deadlines").factory());
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    private OutboundHttp() {
    }

    /**
     * Cancels {@code request} when {@code timeout} has passed, whatever it is doing then (connecting,
     * waiting, reading an answer that trickles in: a read timeout alone would let that run on). Cancel
     * the returned future once the call is over.
     */
    public static ScheduledFuture<?> cancelAt(HttpUriRequestBase request, Duration timeout) {
        return Deadlines.TIMER.schedule(request::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param dns            resolves hosts as connections open (a guard may refuse addresses there)
     * @param maxConnections connections kept open at most, in all and to one host
     * @param evictIdleAfter connections idle this long are closed
     * @param userAgent      the {@code User-Agent} header, or null for the client's own
     */
    public static CloseableHttpClient client(DnsResolver dns, int maxConnections, Duration evictIdleAfter, String userAgent) {
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dns)
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setBufferSize(BUFFER_BYTES).setChunkSizeHint(BUFFER_BYTES)
                                        .setMaxLineLength(8192).setMaxHeaderCount(100).build())
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .evictIdleConnections(TimeValue.of(evictIdleAfter))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState();
        if (userAgent != null) {
            builder.setUserAgent(userAgent);
        }
        return builder.build();
    }
}

package io.paygate.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;

/**
 * A merchant's webhook receiver inside the bench: answers 200 at once and measures, for each
 * payment_intent.succeeded, the time from the moment the checkout's answer (sent after the commit)
 * reached the bench to the moment the event arrived.
 */
final class WebhookSink implements AutoCloseable {

    private static final Pattern INTENT = Pattern.compile("\"object\":\\{\"id\":\"(pi_[0-9a-z]{24})\"");

    private final HttpServer server;
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> arrivedEarly = new ConcurrentHashMap<>();
    private final Recorder lagMicros = new Recorder(600_000_000L, 3);
    private final LongAdder received = new LongAdder();

    WebhookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.increment();
            String intent = succeededIntent(body);
            if (intent != null) {
                Long answered = answeredAt.remove(intent);
                if (answered != null) {
                    lagMicros.recordValue(Math.max(1, (now - answered) / 1000));
                } else {
                    arrivedEarly.put(intent, now);
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** The payment intent a payment_intent.succeeded event is about, or null for other events. */
    static String succeededIntent(String body) {
        if (!body.contains("\"type\":\"payment_intent.succeeded\"")) {
            return null;
        }
        Matcher m = INTENT.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** The checkout of {@code intent} was answered now (after its commit). */
    void answered(String intent) {
        long now = System.nanoTime();
        Long early = arrivedEarly.remove(intent);
        if (early != null) {
            lagMicros.recordValue(1);
        } else {
            answeredAt.put(intent, now);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    long received() {
        return received.sum();
    }

    org.HdrHistogram.Histogram lag() {
        return lagMicros.getIntervalHistogram();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.paygate.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A merchant's webhook receiver for tests: records every request (body and headers), answers with
 * a programmable status after an optional delay, and notices when one delivery is being received
 * twice at the same time.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String path, String body, Map<String, List<String>> headers, long receivedAtMs) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /** What to answer: HTTP status and how long to wait first. */
    public record Answer(int status, long delayMs) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> openAtPath = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> mostOpenAtPath = new ConcurrentHashMap<>();
    private volatile Function<Received, Answer> behaviour = r -> new Answer(200, 0);

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received request = new Received(exchange.getRequestURI().getPath(), body, exchange.getRequestHeaders(),
                    System.currentTimeMillis());
            received.add(request);
            String deliveryId = request.header("Paygate-Delivery-Id");
            AtomicInteger concurrent = deliveryId == null ? new AtomicInteger() : inFlight.computeIfAbsent(deliveryId, k -> new AtomicInteger());
            if (concurrent.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            AtomicInteger open = openAtPath.computeIfAbsent(request.path(), k -> new AtomicInteger());
            int nowOpen = open.incrementAndGet();
            mostOpenAtPath.computeIfAbsent(request.path(), k -> new AtomicInteger()).accumulateAndGet(nowOpen, Math::max);
            try {
                Answer answer;
                try {
                    answer = behaviour.apply(request);
                    if (answer.delayMs() > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(answer.delayMs() * 1_000_000);
                    }
                } finally {
                    // No longer open once the answer is decided: Paygate may send the next delivery as soon
                    // as it reads the answer, before this thread would get back here after writing it.
                    open.decrementAndGet();
                    concurrent.decrementAndGet();
                }
                byte[] response = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), response.length);
                exchange.getResponseBody().write(response);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(Function<Received, Answer> behaviour) {
        this.behaviour = behaviour;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests to a path being received right now. */
    public int openAt(String path) {
        AtomicInteger open = openAtPath.get(path);
        return open == null ? 0 : open.get();
    }

    /** The most requests to a path that were being received at the same time. */
    public int mostOpenAt(String path) {
        AtomicInteger most = mostOpenAtPath.get(path);
        return most == null ? 0 : most.get();
    }

    /** How often one delivery id was being received by two requests at the same time. */
    public int overlappingDeliveries() {
        return overlaps.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

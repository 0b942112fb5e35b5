package io.paygate.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint for tests: records every request it gets, per path, and answers 200, or 500
 * while a path is told to fail.
 */
final class WebhookReceiver {

    /** One request as it arrived, and what the receiver answered. */
    record Request(String path, Map<String, String> headers, byte[] body, int answered, long receivedAtMs) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean delivered() {
            return answered / 100 == 2;
        }
    }

    private static final int ALWAYS = Integer.MAX_VALUE;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code times} requests to {@code path} are answered 500. */
    void failNext(String path, int times) {
        if (times <= 0) {
            failuresLeft.remove(path);
        } else {
            failuresLeft.put(path, times);
        }
    }

    void failAlways(String path) {
        failuresLeft.put(path, ALWAYS);
    }

    List<Request> at(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private boolean shouldFail(String path) {
        boolean[] fail = {false};
        failuresLeft.computeIfPresent(path, (p, left) -> {
            fail[0] = true;
            if (left == ALWAYS) {
                return left;
            }
            return left > 1 ? Integer.valueOf(left - 1) : null;
        });
        return fail[0];
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        int status = shouldFail(path) ? 500 : 200;
        requests.add(new Request(path, headers, body, status, System.currentTimeMillis()));
        byte[] answer = (status == 200 ? "{\"ok\":true}" : "{\"error\":\"told to fail\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}

package io.paygate.connector.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.Instrument;
import io.paygate.connector.spi.LookupRequest;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.connector.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector's HTTP exchange against a local server standing in for the simulator. */
class SimulatorConnectorTest {

    private HttpServer server;
    private SimulatorConnector connector;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<Handler> handler = new AtomicReference<>();

    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(Map.of("method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getPath(),
                        "idempotency", String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
                        "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                        "traceparent", String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")),
                        "body", body));
                handler.get().handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        connector = new SimulatorConnector(() -> URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/simulator"),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws IOException {
        connector.close();
        server.stop(0);
    }

    private static ConnectorAccount account(Map<String, String> settings) {
        return new ConnectorAccount("ca_1", SimulatorConnector.TYPE, false, settings, Map.of("api_key", Secret.of("sim_key_1")));
    }

    private static AuthorizeRequest authorize(ConnectorAccount account) {
        return new AuthorizeRequest("ch_1", account, Money.of(1999, "usd"), true,
                new Instrument.Card(Secret.of("4242424242424242"), 12, 2034, Secret.of("123"), null),
                "pi_1", "https://shop.example/return",
                new RequestTrace(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String captured() throws IOException {
        try (InputStream in = SimulatorConnectorTest.class.getResourceAsStream("/simulator/captured.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anAuthorizationIsPostedWithItsKeysAndTraceAndItsAnswerRead() throws IOException {
        String body = captured();
        handler.set(exchange -> answer(exchange, 200, body));

        ProcessorOutcome outcome = connector.authorize(authorize(account(Map.of())));

        assertThat(outcome).isEqualTo(new ProcessorOutcome.Approved("simpay_0mf1a2b3c4d5e6f7g8h9", 1999, 1999));
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request).containsEntry("method", "POST").containsEntry("path", "/simulator/v1/payments")
                    .containsEntry("idempotency", "ch_1").containsEntry("authorization", "Bearer sim_key_1")
                    .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            assertThat(request.get("body")).contains("\"amount\":1999").contains("\"number\":\"4242424242424242\"");
        });
    }

    @Test
    void connectionsAreKeptForTheNextCall() throws IOException {
        String body = captured();
        List<Integer> ports = new CopyOnWriteArrayList<>();
        handler.set(exchange -> {
            ports.add(exchange.getRemoteAddress().getPort());
            answer(exchange, 200, body);
        });
        ConnectorAccount account = account(Map.of());
        for (int i = 0; i < 3; i++) {
            assertThat(connector.lookup(new LookupRequest(account, "ch_1", RequestTrace.NONE)))
                    .isInstanceOf(ProcessorOutcome.Approved.class);
        }
        assertThat(ports).hasSize(3).containsOnly(ports.getFirst());
    }

    @Test
    void anAnswerStillArrivingAtTheDeadlineIsUnknown() {
        // Headers at once, then a byte every 100 ms: no read ever waits the timeout, the call as a whole does.
        handler.set(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 100; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(100);
            }
        });
        long started = System.nanoTime();

        ProcessorOutcome outcome = connector.lookup(new LookupRequest(account(Map.of("timeout_ms", "700")), "ch_1",
                RequestTrace.NONE));

        assertThat(outcome).isEqualTo(new ProcessorOutcome.Unknown("simulator did not answer within 700 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void noAnswerAtAllIsUnknown() {
        handler.set(exchange -> Thread.sleep(5_000));

        ProcessorOutcome outcome = connector.lookup(new LookupRequest(account(Map.of("timeout_ms", "300")), "ch_1",
                RequestTrace.NONE));

        assertThat(outcome).isEqualTo(new ProcessorOutcome.Unknown("simulator did not answer within 300 ms"));
    }

    @Test
    void aRefusedConnectionIsUnknown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ProcessorOutcome outcome = connector.authorize(authorize(account(Map.of("base_url", "http://127.0.0.1:" + closedPort))));

        assertThat(outcome).isInstanceOfSatisfying(ProcessorOutcome.Unknown.class,
                unknown -> assertThat(unknown.reason()).startsWith("simulator connection failed: "));
    }

    @Test
    void aServerErrorSaysNothingAboutTheMoney() {
        handler.set(exchange -> answer(exchange, 500, "{\"error\":{\"type\":\"api_error\"}}"));

        assertThat(connector.authorize(authorize(account(Map.of())))).isInstanceOf(ProcessorOutcome.Unknown.class);
    }
}

package io.paygate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

/** A webhook attempt's HTTP exchange against a local receiver. */
class WebhookHttpTest {

    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final AtomicReference<Handler> handler = new AtomicReference<>(exchange -> answer(exchange, 200, "ok"));
    private WebhookHttp http;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            try (exchange) {
                received.add(exchange.getRequestHeaders().getFirst("Paygate-Event-Id") + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                clientPorts.add(exchange.getRemoteAddress().getPort());
                handler.get().handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (http != null) {
            http.close();
        }
        receiver.stop(0);
    }

    private static WebhookSettings settings(Duration timeout, boolean testModeAllowLocal) {
        return new WebhookSettings(List.of(Duration.ofMinutes(1)), 1.0, timeout, Duration.ofDays(3), 16, testModeAllowLocal,
                Duration.ofHours(24), Duration.ofMillis(200), Duration.ofSeconds(60), 100);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private WebhookHttp.Result post(boolean livemode) {
        return http.post(url(), livemode, Map.of("Paygate-Event-Id", "evt_1"), "{\"id\":\"evt_1\"}");
    }

    @Test
    void aTestModeEventIsPostedToALocalReceiverWhereAllowed() {
        http = new WebhookHttp(settings(Duration.ofSeconds(5), true));
        handler.set(exchange -> answer(exchange, 202, "thanks"));

        assertThat(post(false)).isEqualTo(new WebhookHttp.Result(202, "thanks", null));
        assertThat(received).containsExactly("evt_1 application/json; charset=UTF-8 {\"id\":\"evt_1\"}");
    }

    @Test
    void internalAddressesAreRefusedAsTheConnectionOpensWhereForbidden() throws IOException {
        http = new WebhookHttp(settings(Duration.ofSeconds(5), true));
        // Live mode never reaches an internal address, whatever test mode allows.
        assertThat(post(true).error()).isEqualTo("refused: 127.0.0.1 resolves to a loopback, link-local or private address");

        http.close();
        http = new WebhookHttp(settings(Duration.ofSeconds(5), false));
        assertThat(post(false).error()).startsWith("refused: ");
        assertThat(received).isEmpty();
    }

    @Test
    void theGuardLetsOnlyPublicAddressesThrough() throws IOException {
        WebhookHttp.PublicAddressesOnly dns = new WebhookHttp.PublicAddressesOnly();
        for (String internal : List.of("localhost", "127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "100.64.0.1", "::1")) {
            assertThatThrownBy(() -> dns.resolve(internal)).as(internal).isInstanceOf(WebhookHttp.InternalAddress.class);
        }
        assertThat(dns.resolve("93.184.215.14")).containsExactly(InetAddress.getByName("93.184.215.14"));
    }

    @Test
    void onlyTheAnswersFirstKilobyteIsReadAndTheNextAttemptStillGoesThrough() {
        http = new WebhookHttp(settings(Duration.ofSeconds(5), true));
        handler.set(exchange -> answer(exchange, 200, "x".repeat(200_000)));

        WebhookHttp.Result result = post(false);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).hasSize(WebhookHttp.BODY_LIMIT);
        handler.set(exchange -> answer(exchange, 200, "ok"));
        assertThat(post(false)).isEqualTo(new WebhookHttp.Result(200, "ok", null));
        assertThat(post(false)).isEqualTo(new WebhookHttp.Result(200, "ok", null));
        // The long answer's connection was dropped, not drained; the short ones' was kept.
        assertThat(clientPorts.get(1)).isNotEqualTo(clientPorts.get(0));
        assertThat(clientPorts.get(2)).isEqualTo(clientPorts.get(1));
    }

    @Test
    void anAttemptEndsAtItsTimeoutEvenWhileTheAnswerTrickles() {
        http = new WebhookHttp(settings(Duration.ofMillis(700), true));
        handler.set(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        });
        long started = System.nanoTime();

        WebhookHttp.Result result = post(false);

        // The 200 came: the event is delivered; what was still trickling in is not waited for.
        assertThat(result).isEqualTo(new WebhookHttp.Result(200, null, null));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() {
        http = new WebhookHttp(settings(Duration.ofMillis(300), true));
        handler.set(exchange -> Thread.sleep(5_000));

        assertThat(post(false)).isEqualTo(new WebhookHttp.Result(null, null, "timed out after 300 ms"));
    }
}

package io.paygate.simulator;

import static org.awaitility.Awaitility.await;

import io.paygate.connector.ProcessorNotifications;
import io.paygate.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A whole Paygate server on a random port with a fresh data directory, for driving the simulator
 * over HTTP. Subclasses share one application context. Paygate's own notification listener is
 * replaced by a mock, so the tests see exactly which authorizations the simulator reported.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"paygate.demo.enabled=false"})
abstract class SimulatorServerTest {

    private static final Path DATA_DIR = freshDirectory();

    @LocalServerPort
    int port;

    @MockitoBean
    ProcessorNotifications notifications;

    SimulatorHttp sim;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("paygate.data-dir", DATA_DIR::toString);
        if (TestDatabase.isPostgres()) {
            registry.add("spring.datasource.url", TestDatabase::postgresUrl);
            registry.add("spring.datasource.username", TestDatabase::postgresUser);
            registry.add("spring.datasource.password", TestDatabase::postgresPassword);
        }
    }

    @BeforeEach
    void newAccount() {
        // Each test is its own merchant account at the simulator, so lists and keys never collide.
        sim = new SimulatorHttp(port, "ca_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
    }

    static String key() {
        return "key_" + UUID.randomUUID();
    }

    static String reference() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Polls the payment until it has {@code status}, failing after {@code within}. */
    SimulatorHttp.Response awaitStatus(String idempotencyKey, String status, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> sim.payment(idempotencyKey), r -> r.status() == 200 && status.equals(r.text("status")));
    }

    /** Polls the refund until it has {@code status}, failing after {@code within}. */
    SimulatorHttp.Response awaitRefund(String refundKey, String status, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> sim.refundOf(refundKey), r -> r.status() == 200 && status.equals(r.text("status")));
    }

    /** Polls until the payment has its dispute, failing after {@code within}. */
    SimulatorHttp.Response awaitDispute(String paymentKey, Duration within) {
        SimulatorHttp.Response list = await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> sim.disputesOf(paymentKey), r -> r.status() == 200 && r.data().size() == 1);
        return sim.dispute(list.data().getFirst().get("id").asString());
    }

    /** Polls the dispute until it has {@code status}, failing after {@code within}. */
    SimulatorHttp.Response awaitDisputeStatus(String disputeId, String status, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> sim.dispute(disputeId), r -> r.status() == 200 && status.equals(r.text("status")));
    }

    private static Path freshDirectory() {
        try {
            return Files.createTempDirectory("paygate-simulator-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

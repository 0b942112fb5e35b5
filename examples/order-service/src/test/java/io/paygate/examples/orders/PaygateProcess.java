package io.paygate.examples.orders;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Paygate's runnable jar as a separate process, as a merchant's shop meets it: over HTTP only. It runs
 * on a fresh H2 database in a temporary directory, or on PostgreSQL when {@code PAYGATE_TEST_DATABASE_URL}
 * is set (CI's second pass), with webhook retries shortened so a refused delivery comes back in a second.
 */
final class PaygateProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "admin_token_for_the_order_service_e2e_test";

    private final int port = freePort();
    private final Process process;

    PaygateProcess(Path dataDir) throws IOException {
        String jar = System.getProperty("paygate.test.jar", "../../server/target/paygate-server.jar");
        if (!new File(jar).exists()) {
            throw new IllegalStateException("Paygate's runnable jar " + jar + " is missing; build with `./mvnw verify` from the root.");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-Dserver.port=" + port,
                "-Dpaygate.admin-token=" + ADMIN_TOKEN,
                "-Dpaygate.demo.enabled=false",
                "-Dpaygate.data-dir=" + dataDir,
                "-Dpaygate.webhooks.retry-schedule=PT0.3S,PT0.6S,PT1S",
                "-Dpaygate.webhooks.poll-interval=PT0.1S"));
        String database = System.getenv("PAYGATE_TEST_DATABASE_URL");
        if (database != null && !database.isBlank()) {
            command.add("-Dspring.datasource.url=" + database);
            command.add("-Dspring.datasource.username=" + envOr("PAYGATE_TEST_DATABASE_USER", "postgres"));
            command.add("-Dspring.datasource.password=" + envOr("PAYGATE_TEST_DATABASE_PASSWORD", ""));
        }
        command.addAll(List.of("-jar", jar));
        Path logs = Files.createDirectories(Path.of("target", "test-logs"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("paygate-" + port + ".log").toFile()).start();
        Poll.until(Duration.ofSeconds(90), this::readiness, status -> status == 200, "Paygate to be ready on port " + port);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    private int readiness() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Paygate exited during start-up with code " + process.exitValue()
                    + "; see target/test-logs/paygate-" + port + ".log");
        }
        try {
            return Http.get(baseUrl() + "/readyz", null).status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}

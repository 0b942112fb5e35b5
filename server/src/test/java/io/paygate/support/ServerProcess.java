package io.paygate.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paygate's runnable jar started as a separate process, so a test can kill it with SIGKILL and
 * start it again on the same database, exactly as an operator's machine would. It starts with the
 * bean definitions the build prepared ({@code -Dspring.aot.enabled=true}), as the README's launch does.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Map<String, String> properties;
    private final Path logDir;
    private String databaseUrl = TestDatabase.postgresUrl();
    private Process process;
    private int starts;
    private Path log;

    public ServerProcess(Path dataDir, Map<String, String> properties) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.properties = new LinkedHashMap<>(properties);
        this.logDir = Path.of("target", "test-logs");
    }

    /** On PostgreSQL, runs this server on {@code url} (see {@link TestDatabase#createScratch}) instead of the shared database. */
    public ServerProcess onDatabase(String url) {
        if (url != null) {
            databaseUrl = url;
        }
        return this;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public ServerProcess start() {
        String jar = System.getProperty("paygate.test.jar", "target/paygate-server.jar");
        if (!new File(jar).exists()) {
            throw new IllegalStateException("The runnable jar " + jar + " is missing; run the tests with `./mvnw verify`.");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-Dspring.aot.enabled=true");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dserver.port=" + port);
        command.add("-Dpaygate.data-dir=" + dataDir);
        if (TestDatabase.isPostgres()) {
            command.add("-Dspring.datasource.url=" + databaseUrl);
            command.add("-Dspring.datasource.username=" + TestDatabase.postgresUser());
            command.add("-Dspring.datasource.password=" + TestDatabase.postgresPassword());
            TestDatabase.sharedVaultKeys().forEach((name, value) -> command.add("-D" + name + "=" + value));
        }
        command.add("-jar");
        command.add(jar);
        try {
            Files.createDirectories(logDir);
            log = logDir.resolve("server-process-" + port + "-" + (++starts) + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpApi api = new HttpApi(baseUrl());
        Poll.until(Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Paygate exited during start-up with code " + process.exitValue());
            }
            try {
                return api.get("/readyz", null).status();
            } catch (UncheckedIOException e) {
                return -1;
            }
        }, status -> status == 200, "Paygate to be ready on port " + port);
        return this;
    }

    /** What the latest start has written to its standard output and error so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hooks, no graceful drain, in-flight work simply stops. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM: the graceful path an orchestrator takes; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Paygate did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

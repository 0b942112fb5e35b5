package io.paygate.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Starts Paygate's runnable jar for a benchmark run: on a fresh PostgreSQL database (or the embedded
 * H2 default), with SQL capture on for the database baseline, and waits until it is ready.
 */
public final class ServerLauncher implements AutoCloseable {

    /** The database the server runs on: a JDBC URL, user and password; a null URL means the embedded default. */
    public record Database(String url, String user, String password) {
    }

    private final Process process;
    private final int port;
    private final Duration startup;
    private final double startupCpuSeconds;

    private ServerLauncher(Process process, int port, Duration startup, double startupCpuSeconds) {
        this.process = process;
        this.port = port;
        this.startup = startup;
        this.startupCpuSeconds = startupCpuSeconds;
    }

    public static ServerLauncher start(Path jar, Database database, String adminToken, Map<String, String> properties,
                                       Path logFile, String heap) {
        return start(jar, database, adminToken, properties, logFile, heap, List.of());
    }

    /** As above, with extra JVM options for the server (a JFR recording while profiling, for example). */
    public static ServerLauncher start(Path jar, Database database, String adminToken, Map<String, String> properties,
                                       Path logFile, String heap, List<String> jvmOptions) {
        return start(jar, database, adminToken, properties, logFile, heap, jvmOptions, false);
    }

    /** As above; {@code plainJar} starts the runnable jar itself rather than the launch layout beside it. */
    public static ServerLauncher start(Path jar, Database database, String adminToken, Map<String, String> properties,
                                       Path logFile, String heap, List<String> jvmOptions, boolean plainJar) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-Dserver.port=" + port);
        command.add("-Dpaygate.admin-token=" + adminToken);
        command.add("-Dpaygate.demo.enabled=false");
        if (database.url() != null) {
            command.add("-Dspring.datasource.url=" + database.url());
            command.add("-Dspring.datasource.username=" + database.user());
            command.add("-Dspring.datasource.password=" + database.password());
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(plainJar ? List.of("-jar", jar.toString()) : launchArguments(jar));
        try {
            Path dataDir = Files.createTempDirectory("paygate-bench-data-");
            command.add(1, "-Dpaygate.data-dir=" + dataDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            awaitReady(process, "http://127.0.0.1:" + port, Duration.ofSeconds(120));
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            return new ServerLauncher(process, port, startup, new CpuMeter(process.pid()).sample().serverSeconds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code /readyz} every 10 ms until it answers 200; the time it took is the start-up time. */
    static void awaitReady(Process process, String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Paygate exited during start-up with code " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/readyz"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        throw new IllegalStateException("Paygate was not ready within " + timeout);
    }

    /** Creates an empty PostgreSQL database for the run and returns how to reach it. */
    public static Database freshPostgres(String host, int port, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password)) {
            admin.createStatement().execute("drop database if exists " + name + " with (force)");
            admin.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return new Database("jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
    }

    /** Drops a database the run created (every connection to it is closed first). */
    public static void dropPostgres(String host, int port, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password)) {
            admin.createStatement().execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop database " + name + ": " + e.getMessage());
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Duration startupTime() {
        return startup;
    }

    /** CPU seconds the server process had used (all its threads: the JIT's, the collector's) when it first answered ready. */
    public double startupCpuSeconds() {
        return startupCpuSeconds;
    }

    @Override
    public void close() {
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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How the README starts the jar: where the build left the extracted launch layout next to it
     * ({@code target/paygate/}, with the JVM's ahead-of-time cache on JDK 25+ and the bean definitions
     * the build prepared), that; otherwise the runnable jar itself.
     */
    static List<String> launchArguments(Path jar) {
        Path layout = jar.toAbsolutePath().resolveSibling("paygate");
        Path extracted = layout.resolve(jar.getFileName());
        if (!Files.exists(extracted)) {
            return List.of("-jar", jar.toString());
        }
        Path cache = layout.resolve("paygate.aot");
        List<String> out = new ArrayList<>();
        if (Files.exists(cache)) {
            out.add("-XX:AOTCache=" + cache);
        }
        if (hasPreparedBeanDefinitions(extracted)) {
            out.add("-Dspring.aot.enabled=true");
        }
        out.add("-jar");
        out.add(extracted.toString());
        return out;
    }

    /** Builds since Spring's ahead-of-time processing joined the package step carry their bean definitions as code. */
    static boolean hasPreparedBeanDefinitions(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("io/paygate/PaygateApplication__ApplicationContextInitializer.class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path defaultJar() {
        for (String candidate : List.of("server/target/paygate-server.jar", "../server/target/paygate-server.jar")) {
            File file = new File(candidate);
            if (file.exists()) {
                return file.toPath().toAbsolutePath();
            }
        }
        throw new IllegalStateException("server/target/paygate-server.jar is missing: build it with ./mvnw -q -DskipTests package");
    }
}

package io.paygate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which database the integration tests run on: the embedded default (an H2 file database in a
 * fresh data directory) unless {@code PAYGATE_TEST_DATABASE_URL} names a PostgreSQL database, as
 * {@code .ci/run} does for its second pass. The same test bodies run on both.
 */
public final class TestDatabase {

    private static final Path DATA_DIR = createDataDir();
    private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");
    private static final AtomicInteger SCRATCH = new AtomicInteger();

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        String url = postgresUrl();
        return url != null && !url.isBlank();
    }

    public static String postgresUrl() {
        String fromProperty = System.getProperty("paygate.test.database-url");
        return fromProperty != null ? fromProperty : System.getenv("PAYGATE_TEST_DATABASE_URL");
    }

    public static String postgresUser() {
        return envOr("PAYGATE_TEST_DATABASE_USER", "postgres");
    }

    public static String postgresPassword() {
        return envOr("PAYGATE_TEST_DATABASE_PASSWORD", "");
    }

    /**
     * Card vault keys for every test server on PostgreSQL. There they all share one database, and like
     * the instances of one deployment they must share the keys that seal what it stores (cards,
     * connector account credentials): any server's reconcilers and queues may pick up any row. On H2
     * each server has its own database and its generated keys. Fixed test keys, never used elsewhere.
     */
    public static Map<String, String> sharedVaultKeys() {
        if (!isPostgres()) {
            return Map.of();
        }
        return Map.of("paygate.vault.data-keys", "vktest:" + filled(0x11),
                "paygate.vault.fingerprint-key", filled(0x22));
    }

    private static String filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * On PostgreSQL, a new empty database beside the shared one (its JDBC URL), for test servers whose
     * settings differ from this JVM's: on the shared database this JVM's servers would take their
     * queued work and handle it with their own settings, as no deployment's nodes would. Null on H2,
     * where every server has its own database anyway. Drop it with {@link #dropScratch}.
     */
    public static String createScratch(String label) {
        if (!isPostgres()) {
            return null;
        }
        Matcher url = postgresUrlParts();
        String name = url.group(2) + "_" + label + "_" + ProcessHandle.current().pid() + "_" + SCRATCH.incrementAndGet();
        admin("drop database if exists " + name + " with (force)", "create database " + name);
        return url.group(1) + name + url.group(3);
    }

    public static void dropScratch(String scratchUrl) {
        if (scratchUrl == null) {
            return;
        }
        Matcher url = POSTGRES_URL.matcher(scratchUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + scratchUrl);
        }
        admin("drop database if exists " + url.group(2) + " with (force)");
    }

    private static Matcher postgresUrlParts() {
        Matcher url = POSTGRES_URL.matcher(postgresUrl());
        if (!url.matches()) {
            throw new IllegalStateException("PAYGATE_TEST_DATABASE_URL is not a jdbc:postgresql URL: " + postgresUrl());
        }
        return url;
    }

    private static void admin(String... statements) {
        Matcher url = postgresUrlParts();
        try (Connection connection = DriverManager.getConnection(url.group(1) + "postgres" + url.group(3), postgresUser(),
                postgresPassword()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + String.join("; ", statements), e);
        }
    }

    /** The data directory shared by the test contexts of this JVM (H2 database, generated keys). */
    public static Path dataDir() {
        return DATA_DIR;
    }

    public static String name() {
        return isPostgres() ? "postgresql" : "h2";
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("paygate-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

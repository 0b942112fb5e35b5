package io.paygate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Which database the integration tests run on: the embedded default (an H2 file database in a
 * fresh data directory) unless {@code PAYGATE_TEST_DATABASE_URL} names a PostgreSQL database, as
 * {@code .ci/run} does for its second pass. The same test bodies run on both.
 */
public final class TestDatabase {

    private static final Path DATA_DIR = createDataDir();

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

package io.paygate.platform.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns {@code PAYGATE_DATABASE_URL} into Spring's data source properties. It accepts a JDBC URL
 * ({@code jdbc:postgresql://host/db}) or the common {@code postgresql://user:pass@host:port/db} form.
 * Explicit {@code spring.datasource.*} settings still win.
 */
public final class DatabaseUrl {

    private DatabaseUrl() {
    }

    public static void applyFromEnvironment(Map<String, String> env) {
        String url = env.get("PAYGATE_DATABASE_URL");
        if (url == null || url.isBlank() || System.getProperty("spring.datasource.url") != null) {
            return;
        }
        Parsed parsed = parse(url.trim());
        System.setProperty("spring.datasource.url", parsed.jdbcUrl());
        if (parsed.user() != null) {
            System.setProperty("spring.datasource.username", parsed.user());
        }
        if (parsed.password() != null) {
            System.setProperty("spring.datasource.password", parsed.password());
        }
    }

    public record Parsed(String jdbcUrl, String user, String password) {
    }

    public static Parsed parse(String url) {
        if (url.startsWith("jdbc:")) {
            return new Parsed(url, null, null);
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("PAYGATE_DATABASE_URL must be a jdbc: URL or postgresql://user:password@host:port/database");
        }
        URI uri = URI.create(url.replaceFirst("^postgres(ql)?://", "http://"));
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new Parsed("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query, user, password);
    }
}

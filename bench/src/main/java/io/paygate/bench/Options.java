package io.paygate.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options of the form {@code --name=value} (or {@code --flag}), with typed defaults. */
public final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();

    public Options(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Options look like --name=value, not " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                values.put(arg.substring(2), "true");
            } else {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    public double number(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    public Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        return value == null ? fallback : parseDuration(value);
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("Durations look like 500ms, 30s, 2m or 1h: " + text);
        };
    }

    /** The PostgreSQL server a command works on: {@code --pg-host}, {@code --pg-port}, {@code --pg-user}, {@code --pg-password}. */
    public record Postgres(String host, int port, String user, String password) {

        /** A new, empty database of that name on it (an older one of the same name is dropped first). */
        public ServerLauncher.Database fresh(String name) {
            return ServerLauncher.freshPostgres(host, port, user, password, name);
        }

        public void drop(String name) {
            ServerLauncher.dropPostgres(host, port, user, password, name);
        }

        /** True when the server runs on this machine, so its processes' CPU can be read from {@code /proc}. */
        public boolean local() {
            return host.equals("127.0.0.1") || host.equals("localhost");
        }
    }

    public Postgres postgres() {
        return new Postgres(string("pg-host", "127.0.0.1"), integer("pg-port", 5432), string("pg-user", "postgres"),
                string("pg-password", ""));
    }

    public Map<String, String> all() {
        return Map.copyOf(values);
    }
}

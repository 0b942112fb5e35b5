package io.paygate.bench;

/** The result of one operation: success, or an error of a named type (HTTP status, exception). */
public record Outcome(boolean ok, String error) {

    public static final Outcome OK = new Outcome(true, null);

    public static Outcome error(String type) {
        return new Outcome(false, type);
    }

    /** One unit of load: an HTTP request, a JDBC transaction sequence, … Must be thread-safe. */
    @FunctionalInterface
    public interface Operation {
        Outcome call() throws Exception;
    }
}

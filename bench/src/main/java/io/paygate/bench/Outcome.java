package io.paygate.bench;

/**
 * The result of one operation: success, or an error of a named type (HTTP status, exception).
 *
 * @param excludedMicros time inside the operation that belongs to something other than the system
 *                       under test (the processor's share the server reported), or -1 when unknown
 */
public record Outcome(boolean ok, String error, long excludedMicros) {

    public static final Outcome OK = new Outcome(true, null, -1);

    public static Outcome ok(long excludedMicros) {
        return new Outcome(true, null, excludedMicros);
    }

    public static Outcome error(String type) {
        return new Outcome(false, type, -1);
    }

    /** One unit of load: an HTTP request, a JDBC transaction sequence, … Must be thread-safe. */
    @FunctionalInterface
    public interface Operation {
        Outcome call() throws Exception;
    }
}

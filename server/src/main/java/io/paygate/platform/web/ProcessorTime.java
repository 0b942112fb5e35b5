package io.paygate.platform.web;

import java.util.Locale;

/**
 * The time the current request has spent waiting on payment processors: every connector call made
 * on the request's thread adds to it, and {@link ServerTimingFilter} answers it in the response's
 * {@code Server-Timing} header, so a caller can tell Paygate's own share of a slow answer from the
 * processor's. Outside a request nothing is recorded.
 */
public final class ProcessorTime {

    /** Nanoseconds waited and calls made, for the request running on this thread. */
    static final class Tally {
        long nanos;
        int calls;
    }

    private static final ThreadLocal<Tally> CURRENT = new ThreadLocal<>();

    private ProcessorTime() {
    }

    static Tally begin() {
        Tally tally = new Tally();
        CURRENT.set(tally);
        return tally;
    }

    static void end() {
        CURRENT.remove();
    }

    /** Adds one processor call's duration to the current request, if there is one. */
    public static void add(long nanos) {
        Tally tally = CURRENT.get();
        if (tally != null) {
            tally.nanos += nanos;
            tally.calls++;
        }
    }

    /** The header value: {@code processor;dur=<milliseconds>;desc="<calls> call(s)"}. */
    static String header(Tally tally) {
        return String.format(Locale.ROOT, "processor;dur=%.1f;desc=\"%d call%s\"", tally.nanos / 1e6, tally.calls,
                tally.calls == 1 ? "" : "s");
    }
}

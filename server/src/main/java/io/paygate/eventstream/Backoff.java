package io.paygate.eventstream;

import java.time.Duration;

/** Retry delays after consecutive failures: one second, doubling, at most a minute. */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(1);

    private Backoff() {
    }

    static Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, was " + failures);
        }
        int doublings = Math.min(failures - 1, 30);
        long millis = FIRST.toMillis() << doublings;
        return millis >= LONGEST.toMillis() ? LONGEST : Duration.ofMillis(millis);
    }
}

package io.paygate.platform.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * When to try again after a failed attempt: {@code first}, doubling after each failure up to
 * {@code max}, and no more tries once {@code maxAttempts} have failed.
 */
public record Backoff(Duration first, Duration max, int maxAttempts) {

    /** Doubling stops here, long before a shift could overflow. */
    private static final int MAX_DOUBLINGS = 30;

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /**
     * The wait in milliseconds after failed attempt number {@code attempt} (counting from 1), or empty
     * when that was the last attempt allowed.
     */
    public OptionalLong delayAfterMs(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        if (attempt >= maxAttempts) {
            return OptionalLong.empty();
        }
        long doubled = first.toMillis() << Math.min(attempt - 1, MAX_DOUBLINGS);
        return OptionalLong.of(Math.min(doubled, max.toMillis()));
    }
}

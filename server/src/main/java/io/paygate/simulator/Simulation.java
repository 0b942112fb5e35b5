package io.paygate.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The behaviour knobs a request carries (from its connector account's settings): latency, failures
 * before anything is recorded, charges whose answer never arrives, and how long the simulator's
 * later events take.
 *
 * @param seed              when set, every random draw is a function of (seed, idempotency key), so a
 *                          load or chaos test replays the same failures for the same keys
 * @param refundDelayMs     how long a refund of the asynchronous test cards takes to reach its final state
 * @param disputeDelayMs    how long after capture the disputing test cards open their dispute (stored
 *                          with the payment, since the processor opens it without a request)
 * @param disputeDecisionMs how long after evidence is submitted the issuer decides (stored likewise)
 */
public record Simulation(long latencyMs, long latencyJitterMs, double errorRate, double timeoutRate,
                         double chargedThenTimeoutRate, long hangMs, long asyncDelayMs, Long seed,
                         long refundDelayMs, long disputeDelayMs, long disputeDecisionMs) {

    public static final long DEFAULT_HANG_MS = 60_000;
    public static final long DEFAULT_ASYNC_DELAY_MS = 3_000;
    public static final long DEFAULT_REFUND_DELAY_MS = 3_000;
    public static final long DEFAULT_DISPUTE_DELAY_MS = 2_000;
    public static final long DEFAULT_DISPUTE_DECISION_MS = 2_000;
    public static final Simulation NONE = new Simulation(0, 0, 0, 0, 0, DEFAULT_HANG_MS, DEFAULT_ASYNC_DELAY_MS, null);

    public Simulation {
        requireNonNegative(latencyMs, "latency_ms");
        requireNonNegative(latencyJitterMs, "latency_jitter_ms");
        requireNonNegative(hangMs, "hang_ms");
        requireNonNegative(asyncDelayMs, "async_delay_ms");
        requireNonNegative(refundDelayMs, "refund_delay_ms");
        requireNonNegative(disputeDelayMs, "dispute_delay_ms");
        requireNonNegative(disputeDecisionMs, "dispute_decision_ms");
        requireRate(errorRate, "error_rate");
        requireRate(timeoutRate, "timeout_rate");
        requireRate(chargedThenTimeoutRate, "charged_then_timeout_rate");
    }

    /** Payment knobs with the default refund and dispute timings. */
    public Simulation(long latencyMs, long latencyJitterMs, double errorRate, double timeoutRate,
                      double chargedThenTimeoutRate, long hangMs, long asyncDelayMs, Long seed) {
        this(latencyMs, latencyJitterMs, errorRate, timeoutRate, chargedThenTimeoutRate, hangMs, asyncDelayMs, seed,
                DEFAULT_REFUND_DELAY_MS, DEFAULT_DISPUTE_DELAY_MS, DEFAULT_DISPUTE_DECISION_MS);
    }

    /** What happens to one request. */
    public enum Kind {
        /** Recorded and answered normally. */
        NORMAL,
        /** Answered 500 after the latency, with nothing recorded. */
        ERROR,
        /** Nothing recorded; the answer (504) comes only after the hang. */
        TIMEOUT,
        /** Recorded and completed, but the answer comes only after the hang. */
        CHARGED_THEN_TIMEOUT
    }

    /** One request's fate: how long it takes before answering and what happens. */
    public record Fate(long delayMs, Kind kind) {
    }

    /** Draws the fate of the request with this idempotency key; the draws are always made in the same order. */
    public Fate draw(String idempotencyKey) {
        RandomGenerator random = seed == null ? new SplittableRandom() : new SplittableRandom(mix(seed, idempotencyKey));
        long jitter = latencyJitterMs == 0 ? 0 : random.nextLong(latencyJitterMs + 1);
        double error = random.nextDouble();
        double timeout = random.nextDouble();
        double chargedThenTimeout = random.nextDouble();
        Kind kind;
        if (error < errorRate) {
            kind = Kind.ERROR;
        } else if (timeout < timeoutRate) {
            kind = Kind.TIMEOUT;
        } else if (chargedThenTimeout < chargedThenTimeoutRate) {
            kind = Kind.CHARGED_THEN_TIMEOUT;
        } else {
            kind = Kind.NORMAL;
        }
        return new Fate(latencyMs + jitter, kind);
    }

    /**
     * The processing time of a request that only the latency knobs apply to (refunds, which are
     * never failed or hung on purpose).
     */
    public long latencyFor(String idempotencyKey) {
        return draw(idempotencyKey).delayMs();
    }

    private static long mix(long seed, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + ":" + key).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    private static void requireRate(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }
}

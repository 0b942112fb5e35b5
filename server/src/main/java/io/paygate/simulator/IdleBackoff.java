package io.paygate.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Spaces out a poller's passes while they find nothing to do: after each idle pass the wait before
 * the next doubles from the poller's interval up to {@code longest}. A pass that finds work, or a
 * {@link #wake} (something in this process may have made work), brings the next pass back to the
 * poller's own interval. A wake during a pass counts as work found by it, so the pass ending idle
 * cannot undo it (the two are serialised). Work made by another process is found within
 * {@code longest}.
 */
final class IdleBackoff {

    private final long intervalNanos;
    private final long longestNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong wakes = new AtomicLong();
    private volatile int idlePasses;
    private volatile long nextPassAt;

    IdleBackoff(Duration interval, Duration longest, LongSupplier nanoTime) {
        this.intervalNanos = Math.max(1, interval.toNanos());
        this.longestNanos = Math.max(intervalNanos, longest.toNanos());
        this.nanoTime = nanoTime;
        this.nextPassAt = nanoTime.getAsLong();
    }

    /** Whether a pass should run now. */
    boolean due() {
        return nanoTime.getAsLong() - nextPassAt >= 0;
    }

    /** Marks the start of a pass; hand the result to {@link #finished}. */
    long starting() {
        return wakes.get();
    }

    /** Records how a pass that began at {@code mark} went. */
    synchronized void finished(long mark, boolean foundWork) {
        if (foundWork || wakes.get() != mark) {
            idlePasses = 0;
            nextPassAt = nanoTime.getAsLong();
            return;
        }
        int idle = Math.min(idlePasses + 1, 20);
        idlePasses = idle;
        long wait = Math.min(longestNanos, intervalNanos << idle);
        // The poller's ticks come every interval; half of one early, so the tick at the wait's end is not missed.
        nextPassAt = nanoTime.getAsLong() + wait - intervalNanos / 2;
    }

    /** How many wakes there have been. */
    long wakes() {
        return wakes.get();
    }

    /** Something in this process may have made work: the next pass runs on the poller's own interval. */
    synchronized void wake() {
        wakes.incrementAndGet();
        idlePasses = 0;
        nextPassAt = nanoTime.getAsLong();
    }
}

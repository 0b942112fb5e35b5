package io.paygate.platform.scheduling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.springframework.dao.DataAccessException;

/**
 * Spaces out a poller's passes while they find nothing to do: after each idle pass the wait before
 * the next doubles from the poller's interval up to {@code longest}. A pass that finds work, or a
 * {@link #wake} (something in this process may have made work), brings the next pass back to the
 * poller's own interval. A wake during a pass counts as work found by it, so the pass ending idle
 * cannot undo it (the two are serialised). Work made by another process is found within
 * {@code longest}.
 *
 * <p>For a poller on a fixed delay that looks for rows with a due time: while nothing is due it
 * costs a query every {@code longest} instead of every interval, on every node, at all hours.
 */
public final class IdleBackoff {

    private final long intervalNanos;
    private final long longestNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong wakes = new AtomicLong();
    private volatile int idlePasses;
    private volatile long nextPassAt;

    public IdleBackoff(Duration interval, Duration longest, LongSupplier nanoTime) {
        this.intervalNanos = Math.max(1, interval.toNanos());
        this.longestNanos = Math.max(intervalNanos, longest.toNanos());
        this.nanoTime = nanoTime;
        this.nextPassAt = nanoTime.getAsLong();
    }

    /**
     * Runs {@code pass} if one is due; {@code pass} answers whether it found work. A pass that throws
     * counts as idle (the database unreachable, say), so the next tries are spaced out as well.
     */
    public void runIfDue(BooleanSupplier pass) {
        if (!due()) {
            return;
        }
        long mark = starting();
        boolean found = false;
        try {
            found = pass.getAsBoolean();
        } finally {
            finished(mark, found);
        }
    }

    /**
     * As {@link #runIfDue(BooleanSupplier)}, for a pass over the database: one that cannot reach it is
     * logged on {@code log} as {@code poller}'s warning and counts as idle.
     */
    public void runIfDue(BooleanSupplier pass, Logger log, String poller) {
        runIfDue(() -> {
            try {
                return pass.getAsBoolean();
            } catch (DataAccessException e) {
                log.warn("{} could not reach the database; trying again on the next run", poller, e);
                return false;
            }
        });
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
    public long wakes() {
        return wakes.get();
    }

    /** Something in this process may have made work: the next pass runs on the poller's own interval. */
    public synchronized void wake() {
        wakes.incrementAndGet();
        idlePasses = 0;
        nextPassAt = nanoTime.getAsLong();
    }
}

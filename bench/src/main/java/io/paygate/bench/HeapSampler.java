package io.paygate.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the server's used heap from its Prometheus metrics once a second and keeps the maximum,
 * over the whole run and since the last {@link #sinceLastMark()} (so each scenario gets its own).
 */
final class HeapSampler implements AutoCloseable {


    private final AtomicLong maxBytes = new AtomicLong();
    private final AtomicLong maxSinceMark = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(PaygateTarget paygate, String adminToken) {
        thread = Thread.ofVirtual().start(() -> {
            while (running) {
                try {
                    // Only the one metric: a whole scrape every second costs the server more CPU than it should.
                    PaygateTarget.Answer metrics = paygate.get("/metrics?includedNames=jvm_memory_used_bytes", adminToken);
                    long used = usedHeap(metrics.body());
                    maxBytes.accumulateAndGet(used, Math::max);
                    maxSinceMark.accumulateAndGet(used, Math::max);
                } catch (RuntimeException e) {
                    // the server may be busy; try again at the next tick
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);
            }
        });
    }

    static long usedHeap(String prometheus) {
        return (long) Math.max(0, PrometheusText.sum(prometheus, "jvm_memory_used_bytes", "area=\"heap\""));
    }

    long maxBytes() {
        return maxBytes.get();
    }

    /** The largest sample since the previous call (or the start), in MB; the next scenario starts afresh. */
    long sinceLastMark() {
        return maxSinceMark.getAndSet(0) / (1024 * 1024);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}

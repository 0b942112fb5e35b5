package io.paygate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives an operation in two ways. Open loop: operations start at a fixed rate whatever the
 * answers do, and each latency is measured from the moment the operation was due, so queueing in
 * the system under test shows up instead of hiding behind slow clients. Closed loop: a fixed number
 * of workers each run operations back to back, for the maximum throughput.
 */
public final class LoadGenerator {

    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final CpuMeter cpu;

    public LoadGenerator(CpuMeter cpu) {
        this.cpu = cpu;
    }

    public Window openLoop(Outcome.Operation operation, double ratePerSecond, Duration duration) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        long start = System.nanoTime();
        Tally tally = new Tally(start, duration);
        long intervalNanos = (long) (1_000_000_000L / ratePerSecond);
        long total = (long) (ratePerSecond * duration.toNanos() / 1_000_000_000L);
        CpuMeter.Sample before = cpu.sample();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                workers.execute(() -> tally.run(operation, due));
            }
        }
        return tally.window(cpu.sample().minus(before), System.nanoTime() - start, ratePerSecond);
    }

    public Window closedLoop(Outcome.Operation operation, int concurrency, Duration duration) {
        long start = System.nanoTime();
        Tally tally = new Tally(start, duration);
        CpuMeter.Sample before = cpu.sample();
        long deadline = start + duration.toNanos();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.execute(() -> {
                    while (System.nanoTime() < deadline) {
                        tally.run(operation, System.nanoTime());
                    }
                });
            }
        }
        return tally.window(cpu.sample().minus(before), System.nanoTime() - start, 0);
    }

    /** Thread-safe counting of one window. */
    private static final class Tally {
        private final Recorder latencies = new Recorder(MAX_LATENCY_MICROS, 3);
        /** Latency minus the share the server reported as the processor's, for operations that report one. */
        private final Recorder overheads = new Recorder(MAX_LATENCY_MICROS, 3);
        private final LongAdder completed = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final Map<String, LongAdder> errorTypes = new ConcurrentHashMap<>();
        private final AtomicLong inFlight = new AtomicLong();
        private final AtomicLong maxInFlight = new AtomicLong();
        private final long startNanos;
        private final long startedAtMs = System.currentTimeMillis();
        private final Timeline timeline;

        Tally(long startNanos, Duration duration) {
            this.startNanos = startNanos;
            this.timeline = new Timeline((int) duration.toSeconds() + 2);
        }

        void run(Outcome.Operation operation, long dueNanos) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Outcome outcome;
            try {
                outcome = operation.call();
            } catch (Exception e) {
                outcome = Outcome.error(e.getClass().getSimpleName());
            } finally {
                inFlight.decrementAndGet();
            }
            long micros = Math.min(MAX_LATENCY_MICROS, Math.max(1, (System.nanoTime() - dueNanos) / 1000));
            if (outcome.ok()) {
                latencies.recordValue(micros);
                long own = micros;
                if (outcome.excludedMicros() >= 0) {
                    own = Math.max(1, micros - outcome.excludedMicros());
                    overheads.recordValue(own);
                }
                timeline.record((dueNanos - startNanos) / 1_000_000_000L, own);
                completed.increment();
            } else {
                errors.increment();
                errorTypes.computeIfAbsent(outcome.error(), k -> new LongAdder()).increment();
            }
        }

        Window window(CpuMeter.Sample cpu, long elapsedNanos, double offeredRate) {
            Histogram histogram = latencies.getIntervalHistogram();
            Map<String, Long> byType = new TreeMap<>();
            errorTypes.forEach((k, v) -> byType.put(k, v.sum()));
            return new Window(completed.sum(), errors.sum(), byType, histogram, overheads.getIntervalHistogram(),
                    elapsedNanos / 1e9, cpu, maxInFlight.get(), offeredRate, timeline.seconds(startedAtMs),
                    OwnPauses.get().between(startNanos, System.nanoTime()));
        }
    }

    /**
     * Per second of a window (by when each operation was due to start): how many completed, how many
     * took over 10 ms of their own time (the overhead where the answer reported the processor's share,
     * the latency otherwise) and the longest. Shows whether slow operations bunch in a few seconds
     * (a pause, a burst of background work) or spread over all of them (the body of the distribution).
     */
    static final class Timeline {
        static final long SLOW_MICROS = 10_000;
        private final AtomicLongArray completed;
        private final AtomicLongArray slow;
        private final AtomicLongArray longest;

        Timeline(int seconds) {
            completed = new AtomicLongArray(seconds);
            slow = new AtomicLongArray(seconds);
            longest = new AtomicLongArray(seconds);
        }

        void record(long second, long micros) {
            int i = (int) Math.clamp(second, 0, completed.length() - 1);
            completed.incrementAndGet(i);
            if (micros > SLOW_MICROS) {
                slow.incrementAndGet(i);
            }
            longest.accumulateAndGet(i, micros, Math::max);
        }

        List<Window.Second> seconds(long startedAtMs) {
            List<Window.Second> out = new ArrayList<>();
            for (int i = 0; i < completed.length(); i++) {
                if (completed.get(i) > 0) {
                    out.add(new Window.Second(startedAtMs + i * 1000L, completed.get(i), slow.get(i), longest.get(i) / 1000.0));
                }
            }
            return out;
        }
    }
}

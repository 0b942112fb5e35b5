package io.paygate.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One measured window: how many operations completed, their latency distribution (microseconds),
 * errors by type, the load generator's view of concurrency, and the CPU each party used.
 * {@code overheadMicros} holds latency minus the processor's share, for the operations whose
 * answers reported that share (empty otherwise). {@code timeline} has one entry per second of the
 * window in which operations were due; {@code benchPauses} are the load generator's own collector
 * pauses that ended inside the window (see {@link OwnPauses}).
 */
public record Window(long completed, long errors, Map<String, Long> errorsByType, Histogram latencyMicros,
                     Histogram overheadMicros, double seconds, CpuMeter.Sample cpu, long maxInFlight, double offeredRate,
                     List<Second> timeline, OwnPauses.Summary benchPauses) {

    /**
     * One second of a window: when it began (epoch milliseconds, to line it up with a GC log or a
     * profile), the operations due in it that completed, those over 10 ms of their own time, the longest.
     */
    public record Second(long startedAtMs, long completed, long over10ms, double longestMs) {
        Map<String, Object> toMap() {
            return Map.of("started_at_ms", startedAtMs, "completed", completed, "over_10ms", over10ms, "longest_ms", longestMs);
        }
    }

    /** Seconds of the window holding at least one operation over 10 ms of its own time. */
    public long slowSeconds() {
        return timeline.stream().filter(s -> s.over10ms() > 0).count();
    }

    public double throughput() {
        return completed / seconds;
    }

    public double percentileMs(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The gateway's own share of the latency at a percentile; -1 when no answer reported the processor's share. */
    public double overheadPercentileMs(double percentile) {
        return overheadMicros.getTotalCount() == 0 ? -1 : overheadMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMs() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
    }

    /** CPU milliseconds per completed operation. */
    public double serverCpuMsPerOp() {
        return completed == 0 ? 0 : cpu.serverSeconds() * 1000 / completed;
    }

    public double databaseCpuMsPerOp() {
        return completed == 0 ? 0 : cpu.databaseSeconds() * 1000 / completed;
    }

    public double processorCpuMsPerOp() {
        return completed == 0 ? 0 : cpu.processorSeconds() * 1000 / completed;
    }

    public double benchCpuMsPerOp() {
        return completed == 0 ? 0 : cpu.benchSeconds() * 1000 / completed;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("completed", completed);
        out.put("errors", errors);
        out.put("errors_by_type", errorsByType);
        out.put("seconds", seconds);
        out.put("offered_rate_per_s", offeredRate);
        out.put("throughput_per_s", throughput());
        out.put("p50_ms", percentileMs(50));
        out.put("p90_ms", percentileMs(90));
        out.put("p99_ms", percentileMs(99));
        out.put("p999_ms", percentileMs(99.9));
        out.put("max_ms", maxMs());
        out.put("overhead_p50_ms", overheadPercentileMs(50));
        out.put("overhead_p99_ms", overheadPercentileMs(99));
        out.put("overhead_samples", overheadMicros.getTotalCount());
        out.put("max_in_flight", maxInFlight);
        out.put("server_cpu_s", cpu.serverSeconds());
        out.put("database_cpu_s", cpu.databaseSeconds());
        out.put("processor_cpu_s", cpu.processorSeconds());
        out.put("bench_cpu_s", cpu.benchSeconds());
        out.put("server_cpu_ms_per_op", serverCpuMsPerOp());
        out.put("database_cpu_ms_per_op", databaseCpuMsPerOp());
        out.put("processor_cpu_ms_per_op", processorCpuMsPerOp());
        out.put("bench_cpu_ms_per_op", benchCpuMsPerOp());
        out.put("seconds_with_an_operation_over_10ms", slowSeconds());
        out.put("bench_gc_pauses", benchPauses.count());
        out.put("bench_gc_pause_ms", benchPauses.totalMs());
        out.put("bench_gc_longest_pause_ms", benchPauses.longestMs());
        out.put("timeline", timeline.stream().map(Second::toMap).toList());
        return out;
    }
}

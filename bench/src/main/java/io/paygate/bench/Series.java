package io.paygate.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The measured repetitions of one scenario (after a warm-up that is not counted): medians, with the
 * smallest and largest repetition as the spread, because these machines are shared and noisy.
 */
public record Series(String name, List<Window> windows) {

    public static Series measure(String name, Supplier<Window> warmUp, Supplier<Window> repetition, int repetitions) {
        if (warmUp != null) {
            warmUp.get();
        }
        List<Window> windows = new ArrayList<>();
        java.time.Instant from = java.time.Instant.now();
        for (int i = 0; i < repetitions; i++) {
            windows.add(repetition.get());
        }
        // Wall-clock bounds of the measured windows, to line a profile or a database sample up with them.
        System.out.printf("series %s: measured %s .. %s%n", name, from, java.time.Instant.now());
        return new Series(name, List.copyOf(windows));
    }

    public double median(ToDoubleFunction<Window> metric) {
        return windows.isEmpty() ? 0 : median(windows.stream().mapToDouble(metric).toArray());
    }

    /** The middle value, or the mean of the two middle ones; NaN when there are none. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public double min(ToDoubleFunction<Window> metric) {
        return windows.stream().mapToDouble(metric).min().orElse(0);
    }

    public double max(ToDoubleFunction<Window> metric) {
        return windows.stream().mapToDouble(metric).max().orElse(0);
    }

    public long totalErrors() {
        return windows.stream().mapToLong(Window::errors).sum();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("median_throughput_per_s", median(Window::throughput));
        out.put("throughput_spread", List.of(min(Window::throughput), max(Window::throughput)));
        out.put("median_p50_ms", median(w -> w.percentileMs(50)));
        out.put("median_p90_ms", median(w -> w.percentileMs(90)));
        out.put("median_p99_ms", median(w -> w.percentileMs(99)));
        out.put("p99_spread_ms", List.of(min(w -> w.percentileMs(99)), max(w -> w.percentileMs(99))));
        out.put("median_p999_ms", median(w -> w.percentileMs(99.9)));
        out.put("max_ms", max(Window::maxMs));
        out.put("errors", totalErrors());
        out.put("median_server_cpu_ms_per_op", median(Window::serverCpuMsPerOp));
        out.put("median_database_cpu_ms_per_op", median(Window::databaseCpuMsPerOp));
        out.put("median_processor_cpu_ms_per_op", median(Window::processorCpuMsPerOp));
        out.put("median_bench_cpu_ms_per_op", median(Window::benchCpuMsPerOp));
        out.put("repetitions", windows.stream().map(Window::toMap).toList());
        return out;
    }
}

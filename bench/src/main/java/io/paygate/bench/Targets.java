package io.paygate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The performance budget the benchmark reports against (never asserted by unit tests). */
final class Targets {

    private Targets() {
    }

    static List<Report.Target> evaluate(Map<String, Map<String, Object>> scenarios, Map<String, Object> run) {
        List<Report.Target> out = new ArrayList<>();
        scenarios.forEach((name, figures) -> {
            if (figures.containsKey("failed")) {
                out.add(new Report.Target(name + " scenario", String.valueOf(figures.get("failed")), "completes", false));
            }
        });
        scenarios = new java.util.LinkedHashMap<>(scenarios);
        scenarios.values().removeIf(figures -> figures.containsKey("failed"));
        Map<String, Object> checkout = scenarios.get("checkout");
        // The budget's load is half the maximum rate; a run with --rate reports at its fixed rate instead.
        String load = checkout == null ? "half max rate" : String.valueOf(checkout.getOrDefault("load", "half max rate"));
        if (checkout != null) {
            double ratio = (double) checkout.get("ratio_to_database_ceiling");
            out.add(new Report.Target("checkout (0 ms) vs database ceiling", Report.format(ratio) + "x", ">= 0.5x", ratio >= 0.5));
            double overhead = (double) checkout.get("overhead_p99_ms_at_200ms");
            // Beside it, the same payments' overhead on a nearly idle machine: how much of the figure is
            // the payment's own path and how much is queueing behind the other parties on the cores.
            String floor = checkout.get("floor_overhead_p99_ms") instanceof Double p99
                    ? " (nearly idle, " + Report.format((double) checkout.get("floor_rate_per_s")) + "/s: p50 "
                            + Report.format((double) checkout.get("floor_overhead_p50_ms")) + ", p99 " + Report.format(p99) + " ms)"
                    : "";
            // And the payment's SQL replayed alone at the same two rates: a part of the overhead that no
            // gateway issuing that SQL on this machine can go below.
            String sql = checkout.get("floor_database_p99_ms") instanceof Double floorSql
                    && checkout.get("half_rate_database_p99_ms") instanceof Double halfSql
                    ? " (the payment's SQL alone: p99 " + Report.format(floorSql) + " ms nearly idle, "
                            + Report.format(halfSql) + " ms at the same load)"
                    : "";
            out.add(new Report.Target("gateway overhead p99 at " + load + ", 200 ms processor", Report.format(overhead) + " ms" + floor + sql,
                    "<= 10 ms", overhead <= 10));
        }
        Map<String, Object> read = scenarios.get("read");
        if (read != null) {
            double ratio = (double) read.get("ratio_to_http_ceiling");
            out.add(new Report.Target("read vs HTTP ceiling", Report.format(ratio) + "x", ">= 0.5x", ratio >= 0.5));
        }
        Map<String, Object> webhooks = scenarios.get("webhooks");
        if (webhooks != null) {
            double lag = (double) webhooks.get("lag_p99_ms");
            out.add(new Report.Target("webhook lag p99 at " + load, Report.format(lag) + " ms", "<= 1000 ms", lag <= 1000));
        }
        Map<String, Object> inFlight = scenarios.get("in_flight");
        if (inFlight != null) {
            long errors = (long) inFlight.get("errors");
            double overhead = (double) inFlight.get("overhead_p99_ms");
            out.add(new Report.Target("2,000 payments in flight: errors", String.valueOf(errors), "0", errors == 0));
            Object heap = inFlight.get("server_heap");
            // -1: no payment answered with the processor's share, so there is no overhead to judge.
            out.add(new Report.Target("2,000 payments in flight: overhead p99 (at " + load
                    + (heap == null ? "" : ", server heap " + heap) + ")",
                    overhead < 0 ? "no payment completed" : Report.format(overhead) + " ms", "<= 50 ms",
                    overhead >= 0 && overhead <= 50));
        }
        Map<String, Object> startup = scenarios.get("startup");
        if (startup != null) {
            double seconds = (double) startup.get("median_seconds");
            out.add(new Report.Target("start-up to ready (embedded default)", Report.format(seconds) + " s", "<= 5 s", seconds <= 5));
        }
        if (checkout != null && checkout.get("server_max_heap_used_mb") != null) {
            // Used heap includes garbage not yet collected, so it climbs towards -Xmx under any load;
            // the target is that the checkout scenario ran inside the 512 MB heap without an error.
            long mb = ((Number) checkout.get("server_max_heap_used_mb")).longValue();
            boolean clean = ((Number) checkout.getOrDefault("errors", 0L)).longValue() == 0;
            out.add(new Report.Target("checkout scenario inside -Xmx512m (max used heap, errors)",
                    mb + " MB, " + (clean ? "no errors" : "errors"), "<= 512 MB, no errors", clean && mb <= 512 && mb > 0));
        }
        return out;
    }
}

package io.paygate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static Map<String, Object> checkout(double overheadP99) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ratio_to_database_ceiling", 0.55);
        figures.put("overhead_p99_ms_at_200ms", overheadP99);
        figures.put("load", "half max rate");
        return figures;
    }

    private static Report.Target overhead(Map<String, Object> checkout) {
        List<Report.Target> targets = Targets.evaluate(Map.of("checkout", checkout), Map.of());
        return targets.stream().filter(t -> t.what().startsWith("gateway overhead")).findFirst().orElseThrow();
    }

    @Test
    void theOverheadIsJudgedAtLoadAndShownBesideItsFloor() {
        Map<String, Object> figures = checkout(100.0);
        figures.put("floor_rate_per_s", 10.0);
        figures.put("floor_overhead_p50_ms", 6.5);
        figures.put("floor_overhead_p99_ms", 9.25);
        Report.Target target = overhead(figures);
        // The budget is for the loaded series: a floor under 10 ms does not meet it.
        assertThat(target.met()).isFalse();
        assertThat(target.figure()).startsWith("100 ms").contains("10.0/s").contains("p50 6.50").contains("p99 9.25 ms");

        Map<String, Object> met = checkout(8.0);
        met.put("floor_rate_per_s", 10.0);
        met.put("floor_overhead_p50_ms", 4.0);
        met.put("floor_overhead_p99_ms", 12.0);
        assertThat(overhead(met).met()).isTrue();
    }

    @Test
    void theOverheadIsShownBesideThePaymentsSqlReplayedAloneAtTheSameRates() {
        Map<String, Object> figures = checkout(100.0);
        figures.put("floor_database_p99_ms", 4.5);
        figures.put("half_rate_database_p99_ms", 31.25);
        Report.Target target = overhead(figures);
        assertThat(target.met()).isFalse();
        assertThat(target.figure()).startsWith("100 ms").endsWith("(the payment's SQL alone: p99 4.50 ms nearly idle, 31.3 ms at the same load)");
    }

    @Test
    void aRunWithoutTheFloorStillReportsTheOverhead() {
        Report.Target target = overhead(checkout(9.0));
        assertThat(target.met()).isTrue();
        assertThat(target.figure()).isEqualTo("9.00 ms");
    }

    private static Report.Target inFlightOverhead(double overheadP99, Object heap) {
        Map<String, Object> inFlight = new LinkedHashMap<>();
        inFlight.put("errors", overheadP99 < 0 ? 5_502L : 0L);
        inFlight.put("overhead_p99_ms", overheadP99);
        if (heap != null) {
            inFlight.put("server_heap", heap);
        }
        List<Report.Target> targets = Targets.evaluate(Map.of("checkout", checkout(9.0), "in_flight", inFlight), Map.of());
        return targets.stream().filter(t -> t.what().startsWith("2,000 payments in flight: overhead")).findFirst().orElseThrow();
    }

    @Test
    void anInFlightSeriesWithNoCompletedPaymentDoesNotMeetTheOverheadTarget() {
        Report.Target none = inFlightOverhead(-1.0, "1g");
        assertThat(none.met()).isFalse();
        assertThat(none.figure()).isEqualTo("no payment completed");
        Report.Target met = inFlightOverhead(42.0, "1g");
        assertThat(met.met()).isTrue();
        assertThat(met.what()).contains("server heap 1g");
        assertThat(inFlightOverhead(42.0, null).what()).doesNotContain("server heap");
    }
}

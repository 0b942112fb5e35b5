package io.paygate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareTest {

    private static Compare.RoundResult round(int r, String build, double perSecond, double serverCpuMs) {
        return new Compare.RoundResult(r, build, perSecond, serverCpuMs, 0.1, 0.05, 2, 9, 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachRoundsPairIsComparedWithItselfAndTheMediansStandApart() {
        // The machine slows down in rounds 2 and 3: B's good rounds there are still worse than A's in the same round.
        List<Compare.RoundResult> results = List.of(
                round(0, "A", 3400, 0.30), round(0, "B", 3100, 0.34),
                round(1, "B", 3000, 0.35), round(1, "A", 3300, 0.31),
                round(2, "A", 2500, 0.40), round(2, "B", 2400, 0.42),
                round(3, "B", 2600, 0.39), round(3, "A", 2550, 0.38));
        Map<String, Object> summary = Compare.summary(results);
        Map<String, Object> perSecond = (Map<String, Object>) summary.get("per_s");
        assertThat(perSecond.get("median_A")).isEqualTo((2550 + 3300) / 2.0);
        assertThat(perSecond.get("median_B")).isEqualTo((2600 + 3000) / 2.0);
        assertThat(perSecond.get("rounds_A_better")).isEqualTo(3);
        assertThat(perSecond.get("rounds_compared")).isEqualTo(4);
        Map<String, Object> cpu = (Map<String, Object>) summary.get("server_cpu_ms_per_op");
        // Lower is better for CPU: A used less in all four rounds.
        assertThat(cpu.get("rounds_A_better")).isEqualTo(4);
        assertThat((double) cpu.get("A_over_B")).isLessThan(1);
        assertThat(summary.get("errors_A")).isEqualTo(0L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void latencyIsComparedLowerIsBetterAtTheMedianAndTheTail() {
        // Open loop at a low rate: both builds run at the rate, so their latency tells them apart.
        List<Compare.RoundResult> results = List.of(
                new Compare.RoundResult(0, "A", 10, 9, 6, 2, 8.0, 20.0, 0), new Compare.RoundResult(0, "B", 10, 9, 6, 2, 9.0, 18.0, 0),
                new Compare.RoundResult(1, "B", 10, 9, 6, 2, 9.5, 30.0, 0), new Compare.RoundResult(1, "A", 10, 9, 6, 2, 8.5, 25.0, 0),
                new Compare.RoundResult(2, "A", 10, 9, 6, 2, 7.5, 40.0, 0), new Compare.RoundResult(2, "B", 10, 9, 6, 2, 7.0, 35.0, 0));
        Map<String, Object> summary = Compare.summary(results);
        Map<String, Object> p50 = (Map<String, Object>) summary.get("p50_ms");
        assertThat(p50.get("median_A")).isEqualTo(8.0);
        assertThat(p50.get("median_B")).isEqualTo(9.0);
        assertThat(p50.get("rounds_A_better")).isEqualTo(2);
        Map<String, Object> p99 = (Map<String, Object>) summary.get("p99_ms");
        assertThat(p99.get("rounds_A_better")).isEqualTo(1);
        assertThat(p99.get("rounds_compared")).isEqualTo(3);
    }

    @Test
    void aMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Compare.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Compare.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(Compare.median(List.of())).isNaN();
    }
}

package io.paygate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class OwnPausesTest {

    @Test
    void aWindowCountsThePausesThatEndedInsideIt() {
        List<OwnPauses.Pause> pauses = List.of(new OwnPauses.Pause(900, 40), new OwnPauses.Pause(1_000, 3),
                new OwnPauses.Pause(1_500, 12), new OwnPauses.Pause(2_000, 5), new OwnPauses.Pause(2_001, 90));
        OwnPauses.Summary inside = OwnPauses.summarise(pauses, 1_000, 2_000);
        assertThat(inside).isEqualTo(new OwnPauses.Summary(3, 20, 12));
        assertThat(OwnPauses.summarise(pauses, 3_000, 4_000)).isEqualTo(new OwnPauses.Summary(0, 0, 0));
    }

    @Test
    void concurrentCyclesAreNotPauses() {
        assertThat(OwnPauses.pauses("G1 Young Generation")).isTrue();
        assertThat(OwnPauses.pauses("G1 Old Generation")).isTrue();
        assertThat(OwnPauses.pauses("G1 Concurrent GC")).isTrue();
        assertThat(OwnPauses.pauses("ZGC Minor Pauses")).isTrue();
        assertThat(OwnPauses.pauses("ZGC Major Pauses")).isTrue();
        assertThat(OwnPauses.pauses("PS Scavenge")).isTrue();
        assertThat(OwnPauses.pauses("ZGC Minor Cycles")).isFalse();
        assertThat(OwnPauses.pauses("ZGC Major Cycles")).isFalse();
        assertThat(OwnPauses.pauses("Shenandoah Cycles")).isFalse();
    }

    @Test
    void aCollectionOfTheBenchsOwnHeapIsSeenInTheWindowItFellIn() {
        OwnPauses pauses = OwnPauses.get();
        long from = System.nanoTime();
        System.gc();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        OwnPauses.Summary seen = pauses.between(from, System.nanoTime());
        // The notification arrives on a thread of the JVM's shortly after the collection ends.
        while (seen.count() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            seen = pauses.between(from, System.nanoTime());
        }
        assertThat(seen.count()).isPositive();
        assertThat(seen.longestMs()).isLessThanOrEqualTo(seen.totalMs());
        assertThat(OwnPauses.collector()).isNotBlank();
    }

    @Test
    void everyMeasuredWindowReportsTheBenchsPauses() {
        Window window = new LoadGenerator(new CpuMeter(-1)).closedLoop(() -> Outcome.OK, 1, Duration.ofMillis(200));
        assertThat(window.benchPauses()).isNotNull();
        assertThat(window.toMap()).containsKeys("bench_gc_pauses", "bench_gc_pause_ms", "bench_gc_longest_pause_ms");
    }
}

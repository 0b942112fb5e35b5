package io.paygate.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleBackoffTest {

    private long now = 1_000_000_000L;
    private final IdleBackoff backoff = new IdleBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), () -> now);

    private void advance(long millis) {
        now += Duration.ofMillis(millis).toNanos();
    }

    /** Ticks every 200 ms for {@code millis}; returns how many passes ran, each finding {@code work}. */
    private int tick(long millis, boolean work) {
        int passes = 0;
        for (long t = 0; t < millis; t += 200) {
            advance(200);
            if (backoff.due()) {
                backoff.finished(backoff.starting(), work);
                passes++;
            }
        }
        return passes;
    }

    @Test
    void idlePassesSpreadOutUpToTheLongestWait() {
        assertThat(backoff.due()).isTrue();
        // Idle: waits of 400, 800, then 1,000 ms between passes.
        assertThat(tick(400, false)).isEqualTo(1);
        assertThat(tick(400, false)).isEqualTo(1);
        assertThat(tick(800, false)).isEqualTo(1);
        assertThat(tick(10_000, false)).isEqualTo(10);
    }

    @Test
    void passesThatFindWorkKeepTheInterval() {
        assertThat(tick(2_000, true)).isEqualTo(10);
    }

    @Test
    void aWakeBringsTheNextPassBack() {
        tick(10_000, false);
        assertThat(backoff.due()).isFalse();
        backoff.wake();
        assertThat(backoff.due()).isTrue();
        assertThat(tick(200, false)).isEqualTo(1);
        // Back on the first step of the back-off: the pass after the next is 400 ms away.
        assertThat(tick(400, false)).isEqualTo(1);
    }

    @Test
    void aWakeDuringAnIdlePassIsNotLost() {
        tick(10_000, false);
        advance(1_000);
        assertThat(backoff.due()).isTrue();
        long mark = backoff.starting();
        backoff.wake();
        backoff.finished(mark, false);
        advance(200);
        assertThat(backoff.due()).as("the pass that saw nothing began before the wake").isTrue();
    }

    @Test
    void runIfDueRunsOnlyDuePassesAndCountsAFailedOneAsIdle() {
        int[] runs = new int[1];
        assertThatThrownBy(() -> backoff.runIfDue(() -> {
            runs[0]++;
            throw new IllegalStateException("the database is unreachable");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(runs[0]).isEqualTo(1);
        // The failed pass counted as idle: nothing runs until the first step of the back-off (400 ms) is over.
        advance(200);
        backoff.runIfDue(() -> ++runs[0] > 0);
        assertThat(runs[0]).isEqualTo(1);
        advance(200);
        backoff.runIfDue(() -> ++runs[0] > 0);
        assertThat(runs[0]).isEqualTo(2);
        // That pass found work: the next is due on the interval.
        advance(200);
        assertThat(backoff.due()).isTrue();
    }
}

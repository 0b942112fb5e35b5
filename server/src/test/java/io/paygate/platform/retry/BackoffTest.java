package io.paygate.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheFirstWaitUpToTheCeilingThenStops() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 6);

        assertThat(backoff.delayAfterMs(1)).hasValue(1000);
        assertThat(backoff.delayAfterMs(2)).hasValue(2000);
        assertThat(backoff.delayAfterMs(3)).hasValue(4000);
        assertThat(backoff.delayAfterMs(4)).hasValue(5000);
        assertThat(backoff.delayAfterMs(5)).hasValue(5000);
        assertThat(backoff.delayAfterMs(6)).isEqualTo(OptionalLong.empty());
        assertThat(backoff.delayAfterMs(7)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void manyAttemptsNeverOverflow() {
        Backoff backoff = new Backoff(Duration.ofHours(1), Duration.ofDays(1), Integer.MAX_VALUE);

        assertThat(backoff.delayAfterMs(1_000_000)).hasValue(Duration.ofDays(1).toMillis());
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 3).delayAfterMs(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

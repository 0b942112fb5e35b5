package io.paygate.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondUpToAMinute() {
        assertThat(Backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.after(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Backoff.after(7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Backoff.after(1_000_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void thereIsNoBackoffBeforeAFailure() {
        assertThatThrownBy(() -> Backoff.after(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

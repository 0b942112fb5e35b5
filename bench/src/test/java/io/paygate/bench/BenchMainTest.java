package io.paygate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchMainTest {

    @Test
    void theInFlightScenarioAtAFixedRateOnItsOwnServerSkipsTheCheckoutScenario() {
        assertThat(BenchMain.runsCheckoutScenario(Set.of("in-flight"), 160, true)).isFalse();
        // It needs the checkout's maximum to take half of it, and in the first server the warm-up.
        assertThat(BenchMain.runsCheckoutScenario(Set.of("in-flight"), 0, true)).isTrue();
        assertThat(BenchMain.runsCheckoutScenario(Set.of("in-flight"), 160, false)).isTrue();
    }

    @Test
    void theOtherScenariosStillRunItFirst() {
        assertThat(BenchMain.runsCheckoutScenario(Set.of("checkout"), 0, true)).isTrue();
        assertThat(BenchMain.runsCheckoutScenario(Set.of("read"), 160, true)).isTrue();
        assertThat(BenchMain.runsCheckoutScenario(Set.of("webhooks"), 160, true)).isTrue();
        assertThat(BenchMain.runsCheckoutScenario(Set.of("webhooks", "in-flight"), 160, true)).isTrue();
        assertThat(BenchMain.runsCheckoutScenario(Set.of("startup"), 0, true)).isFalse();
        assertThat(BenchMain.runsCheckoutScenario(Set.of("checkout-max"), 0, true)).isFalse();
    }
}

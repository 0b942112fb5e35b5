package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static Simulation rates(double error, double timeout, double chargedThenTimeout, Long seed) {
        return new Simulation(100, 50, error, timeout, chargedThenTimeout, 1000, 3000, seed);
    }

    @Test
    void defaultsAnswerAtOnceAndNormally() {
        assertThat(Simulation.NONE.draw("k")).isEqualTo(new Simulation.Fate(0, Simulation.Kind.NORMAL));
        assertThat(Simulation.NONE.hangMs()).isEqualTo(60_000);
        assertThat(Simulation.NONE.asyncDelayMs()).isEqualTo(3_000);
    }

    @Test
    void ratesOfOneAlwaysHappenInPriorityOrder() {
        assertThat(rates(1, 1, 1, null).draw("k").kind()).isEqualTo(Simulation.Kind.ERROR);
        assertThat(rates(0, 1, 1, null).draw("k").kind()).isEqualTo(Simulation.Kind.TIMEOUT);
        assertThat(rates(0, 0, 1, null).draw("k").kind()).isEqualTo(Simulation.Kind.CHARGED_THEN_TIMEOUT);
    }

    @Test
    void latencyStaysWithinTheJitter() {
        Simulation simulation = rates(0, 0, 0, null);
        IntStream.range(0, 200).forEach(i -> assertThat(simulation.draw("k" + i).delayMs()).isBetween(100L, 150L));
    }

    @Test
    void aSeedMakesDrawsRepeatablePerKey() {
        Simulation seeded = rates(0.5, 0, 0, 42L);
        Set<Simulation.Kind> kinds = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Simulation.Fate first = seeded.draw("key-" + i);
            assertThat(rates(0.5, 0, 0, 42L).draw("key-" + i)).isEqualTo(first);
            kinds.add(first.kind());
        }
        // Different keys still get different fates.
        assertThat(kinds).containsExactlyInAnyOrder(Simulation.Kind.ERROR, Simulation.Kind.NORMAL);
    }

    @Test
    void refundAndDisputeTimingsDefaultToStripesTestPace() {
        assertThat(Simulation.NONE.refundDelayMs()).isEqualTo(3_000);
        assertThat(Simulation.NONE.disputeDelayMs()).isEqualTo(2_000);
        assertThat(Simulation.NONE.disputeDecisionMs()).isEqualTo(2_000);
        assertThat(rates(0, 0, 0, null).refundDelayMs()).isEqualTo(Simulation.DEFAULT_REFUND_DELAY_MS);
        assertThatThrownBy(() -> new Simulation(0, 0, 0, 0, 0, 0, 0, null, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refund_delay_ms");
    }

    @Test
    void aRefundsLatencyIsTheDrawnDelayWhateverTheRates() {
        Simulation failing = new Simulation(100, 0, 1, 1, 1, 1000, 3000, 7L, 10, 10, 10);
        assertThat(failing.latencyFor("k")).isEqualTo(100);
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> rates(1.5, 0, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rates(0, -0.1, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}

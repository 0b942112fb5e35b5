package io.paygate.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PublicationPlanTest {

    @Test
    void differentObjectsGoTogetherInTheFirstWave() {
        PublicationPlan plan = PublicationPlan.of(List.of(pub(1, "a"), pub(2, "b"), pub(3, "c")), List.of());
        assertThat(plan.waveCount()).isEqualTo(1);
        assertThat(seqs(plan.wave(0))).containsExactly(1L, 2L, 3L);
        assertThat(plan.blocked()).isEmpty();
    }

    @Test
    void oneObjectsEventsGoInSuccessiveWavesInWriteOrder() {
        PublicationPlan plan = PublicationPlan.of(List.of(pub(1, "a"), pub(2, "b"), pub(3, "a"), pub(4, "a")), List.of());
        assertThat(plan.waveCount()).isEqualTo(3);
        assertThat(seqs(plan.wave(0))).containsExactly(1L, 2L);
        assertThat(seqs(plan.wave(1))).containsExactly(3L);
        assertThat(seqs(plan.wave(2))).containsExactly(4L);
    }

    @Test
    void anEarlierPendingEventOutsideTheClaimBlocksTheLaterOnesOfItsObjectOnly() {
        // Row 2 of "a" is in backoff or held by another node: 5 and 7 must wait for it; "b" need not.
        List<PublicationPlan.Pending> pending = List.of(new PublicationPlan.Pending(2, "a"), new PublicationPlan.Pending(5, "a"),
                new PublicationPlan.Pending(7, "a"), new PublicationPlan.Pending(6, "b"));
        PublicationPlan plan = PublicationPlan.of(List.of(pub(5, "a"), pub(6, "b"), pub(7, "a")), pending);
        assertThat(seqs(plan.blocked())).containsExactly(5L, 7L);
        assertThat(seqs(plan.sendable())).containsExactly(6L);
    }

    @Test
    void laterPendingEventsOutsideTheClaimDoNotBlock() {
        PublicationPlan plan = PublicationPlan.of(List.of(pub(3, "a")),
                List.of(new PublicationPlan.Pending(3, "a"), new PublicationPlan.Pending(9, "a")));
        assertThat(seqs(plan.sendable())).containsExactly(3L);
        assertThat(plan.blocked()).isEmpty();
    }

    @Test
    void eventsWithoutAnObjectHaveNoOrderToKeep() {
        PublicationPlan plan = PublicationPlan.of(List.of(pub(1, null), pub(2, null), pub(3, "a")),
                List.of(new PublicationPlan.Pending(0, "z")));
        assertThat(plan.waveCount()).isEqualTo(1);
        assertThat(seqs(plan.wave(0))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aStalledObjectSendsNothingInLaterWaves() {
        PublicationPlan plan = PublicationPlan.of(List.of(pub(1, "a"), pub(2, "b"), pub(3, "a"), pub(4, "b")), List.of());
        PublicationPlan.Split second = plan.split(1, Set.of("a"));
        assertThat(seqs(second.send())).containsExactly(4L);
        assertThat(seqs(second.hold())).containsExactly(3L);
    }

    @Test
    void theClaimMustBeInWriteOrder() {
        assertThatThrownBy(() -> PublicationPlan.of(List.of(pub(2, "a"), pub(1, "b")), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<Long> seeds() {
        return List.of(1L, 7L, 42L, 1234L, 98765L, 20260729L);
    }

    /**
     * Random outboxes (several objects, rows in backoff or held elsewhere, claims cut off at a limit):
     * whatever is sent, every earlier pending event of its object is sent before it, in an earlier wave.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nothingOvertakesAnEarlierEventOfItsObject(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<PublicationPlan.Pending> pending = new ArrayList<>();
            List<Publication> claimed = new ArrayList<>();
            int rows = 1 + random.nextInt(30);
            int limit = 1 + random.nextInt(rows);
            for (long seq = 1; seq <= rows; seq++) {
                String object = random.nextInt(8) == 0 ? null : "obj" + random.nextInt(5);
                pending.add(new PublicationPlan.Pending(seq, object));
                boolean claimable = random.nextInt(4) != 0;
                if (claimable && claimed.size() < limit) {
                    claimed.add(pub(seq, object));
                }
            }
            PublicationPlan plan = PublicationPlan.of(claimed, pending);
            Map<Long, Integer> waveOf = new HashMap<>();
            for (int w = 0; w < plan.waveCount(); w++) {
                for (Publication p : plan.wave(w)) {
                    waveOf.put(p.seq(), w);
                }
            }
            assertThat(waveOf.size() + plan.blocked().size()).as("seed %d round %d", seed, round).isEqualTo(claimed.size());
            for (Publication p : plan.sendable()) {
                for (PublicationPlan.Pending earlier : pending) {
                    if (p.objectId() != null && p.objectId().equals(earlier.objectId()) && earlier.seq() < p.seq()) {
                        assertThat(waveOf.get(earlier.seq())).as("seed %d round %d: %s before %s", seed, round, earlier, p)
                                .isNotNull().isLessThan(waveOf.get(p.seq()));
                    }
                }
            }
        }
    }

    private static Publication pub(long seq, String objectId) {
        return new Publication(seq, "evt_" + seq, objectId, 0, 0);
    }

    private static List<Long> seqs(List<Publication> publications) {
        return publications.stream().map(Publication::seq).toList();
    }
}

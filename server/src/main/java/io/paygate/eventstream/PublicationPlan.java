package io.paygate.eventstream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which claimed publications may be sent, and in which order, so that one object's events reach
 * Kafka in the order they were recorded, even across retries and several publishing nodes.
 *
 * <p>A claimed publication is blocked while an earlier pending publication of its object is not in
 * this claim: that one is in backoff, leased by another node, or being claimed by another node right
 * now (skipped as locked). The rest go out in waves: wave {@code n} holds each object's {@code n}-th
 * publication of the claim, and a wave is sent only after the previous one was acknowledged. An
 * object whose send failed in one wave sends nothing in the later waves.
 *
 * <p>Publications without an object id have no order to keep and always go in the first wave.
 */
final class PublicationPlan {

    /** An unpublished row of one of the claimed objects, whether or not this claim holds it. */
    record Pending(long seq, String objectId) {
    }

    /** Part of a wave: what to send now, and what to hand back unsent because its object stalled. */
    record Split(List<Publication> send, List<Publication> hold) {
    }

    private final List<List<Publication>> waves;
    private final List<Publication> blocked;

    private PublicationPlan(List<List<Publication>> waves, List<Publication> blocked) {
        this.waves = waves;
        this.blocked = blocked;
    }

    /**
     * @param claimed publications claimed by this node, in {@code seq} order
     * @param pending every pending publication of the claimed objects with a {@code seq} up to the
     *                last claimed one (claimed ones may be included)
     */
    static PublicationPlan of(List<Publication> claimed, List<Pending> pending) {
        Set<Long> claimedSeqs = new HashSet<>();
        long previous = Long.MIN_VALUE;
        for (Publication p : claimed) {
            if (p.seq() <= previous) {
                throw new IllegalArgumentException("claimed publications must be in increasing seq order");
            }
            previous = p.seq();
            claimedSeqs.add(p.seq());
        }
        Map<String, Long> firstOutside = new HashMap<>();
        for (Pending p : pending) {
            if (p.objectId() != null && !claimedSeqs.contains(p.seq())) {
                firstOutside.merge(p.objectId(), p.seq(), Math::min);
            }
        }
        List<List<Publication>> waves = new ArrayList<>();
        List<Publication> blocked = new ArrayList<>();
        Map<String, Integer> sentBefore = new HashMap<>();
        for (Publication p : claimed) {
            Long earlier = p.objectId() == null ? null : firstOutside.get(p.objectId());
            if (earlier != null && earlier < p.seq()) {
                blocked.add(p);
                continue;
            }
            int wave = p.objectId() == null ? 0 : sentBefore.merge(p.objectId(), 1, Integer::sum) - 1;
            while (waves.size() <= wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(p);
        }
        return new PublicationPlan(waves.stream().map(Collections::unmodifiableList).toList(), List.copyOf(blocked));
    }

    int waveCount() {
        return waves.size();
    }

    List<Publication> wave(int index) {
        return waves.get(index);
    }

    /** Wave {@code index} without the objects in {@code stalled} (an earlier event of theirs did not go out). */
    Split split(int index, Set<String> stalled) {
        List<Publication> send = new ArrayList<>();
        List<Publication> hold = new ArrayList<>();
        for (Publication p : waves.get(index)) {
            (p.objectId() != null && stalled.contains(p.objectId()) ? hold : send).add(p);
        }
        return new Split(send, hold);
    }

    List<Publication> sendable() {
        return waves.stream().flatMap(List::stream).toList();
    }

    List<Publication> blocked() {
        return blocked;
    }
}

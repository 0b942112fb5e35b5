package io.paygate.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The load generator's own collector pauses. A pause of the bench's JVM delays the sending of the
 * operations due during it and the reading of the answers that arrive during it, so it shows up in
 * the measured latency as if the server had been slow. Every window reports the pauses that ended
 * inside it, so a tail can be checked against them, and a run records which collector the bench ran on.
 */
public final class OwnPauses {

    /**
     * One pause: when its notification arrived ({@link System#nanoTime()}; the collector's own time
     * stamps count from another origin than the rest of the JVM's clocks) and how long it took.
     */
    record Pause(long endNanos, long millis) {
    }

    /** The pauses that ended inside one window. */
    public record Summary(int count, long totalMs, long longestMs) {
        static final Summary NONE = new Summary(0, 0, 0);
    }

    private static final OwnPauses INSTANCE = new OwnPauses();

    private final List<Pause> pauses = new ArrayList<>();

    private OwnPauses() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!pauses(collector.getName()) || !(collector instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    record(new Pause(System.nanoTime(), info.getGcInfo().getDuration()));
                }
            }, null, null);
        }
    }

    public static OwnPauses get() {
        return INSTANCE;
    }

    /**
     * Whether a collector's reported collections are pauses. ZGC and Shenandoah report their
     * concurrent cycles under beans of their own ({@code ... Cycles}), which are not pauses; every
     * other bean (G1's young, old and concurrent-cycle pauses, Parallel's, Serial's, ZGC's and
     * Shenandoah's {@code ... Pauses}) counts the time the application stood still.
     */
    static boolean pauses(String collectorName) {
        return !collectorName.endsWith("Cycles");
    }

    /** The collector the bench runs on, as its beans name it ("G1 Young Generation, G1 Old Generation, ..."). */
    public static String collector() {
        return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
    }

    synchronized void record(Pause pause) {
        pauses.add(pause);
        if (pauses.size() > 100_000) {
            pauses.subList(0, 50_000).clear();
        }
    }

    /** The pauses that ended between two {@link System#nanoTime()} readings (inclusive). */
    public synchronized Summary between(long fromNanos, long toNanos) {
        return summarise(pauses, fromNanos, toNanos);
    }

    static Summary summarise(List<Pause> pauses, long fromNanos, long toNanos) {
        int count = 0;
        long total = 0;
        long longest = 0;
        for (Pause p : pauses) {
            if (p.endNanos() >= fromNanos && p.endNanos() <= toNanos) {
                count++;
                total += p.millis();
                longest = Math.max(longest, p.millis());
            }
        }
        return count == 0 ? Summary.NONE : new Summary(count, total, longest);
    }
}

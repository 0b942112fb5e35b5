package io.paygate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code java -jar bench/target/paygate-bench.jar database-waits --recording=<file.jfr> [options]}: how
 * long a Paygate server's threads waited for PostgreSQL, per call site in the server's own code.
 *
 * <p>The recording comes from a server started with {@code -XX:StartFlightRecording} and settings that
 * enable {@code jdk.SocketRead} with a threshold of 0 ms and stack traces. Every read on a database
 * socket (remote port {@code --port}) is then one event, and nearly every such read is one round trip:
 * its duration is the time the thread waited for the database's answer. Each read is counted at the
 * first frame of its stack, from the top down, whose class is in {@code --package}, as
 * {@code SimpleClassName.method:line} (Spring's CGLIB subclasses keep their suffix); reads with no such
 * frame, for instance when the stack was cut at the recording's stack depth, are counted as
 * {@code (other)}. {@code --from} and {@code --to} (ISO-8601 instants, such as the bounds a {@code run}
 * prints for each series' measured windows) keep the reads that started between them; of those, the
 * earliest {@code --skip} fraction, the warm-up, is left out. {@code --per} divides by the number of
 * requests served in that interval, to show reads and wait per request.
 */
final class DatabaseWaits {

    static final String USAGE = "database-waits --recording=<file.jfr> [--port=5432] [--package=io.paygate.] [--skip=0]"
            + " [--from=<instant>] [--to=<instant>] [--per=<requests in the interval>]";

    /** The site of the reads that had no frame of the package. */
    static final String OTHER = "(other)";

    private static final String SOCKET_READ = "jdk.SocketRead";

    private DatabaseWaits() {
    }

    /** The reads counted at one call site, with their wait in milliseconds. */
    record Site(String site, long reads, double totalMs, double meanMs, double p50Ms, double p90Ms) {
    }

    /** One kept read: when it started, how long it waited, and where it was made. */
    private record Read(long startNanos, long nanos, String site) {
    }

    static void run(Options options) {
        String recording = options.string("recording", null);
        if (recording == null || recording.isBlank()) {
            throw new IllegalArgumentException("--recording=<file.jfr> is required: " + USAGE);
        }
        int port = options.integer("port", 5432);
        String packagePrefix = options.string("package", "io.paygate.");
        double skip = options.number("skip", 0);
        double per = options.number("per", 0);
        if (per < 0) {
            throw new IllegalArgumentException("--per is a number of requests, not " + per);
        }
        Instant from = instant(options.string("from", null));
        Instant to = instant(options.string("to", null));
        List<Site> sites = summarize(Path.of(recording), port, packagePrefix, skip, from, to);
        System.out.printf(Locale.ROOT, "database waits in %s: reads on port %d, sites in %s, from %s to %s, earliest %.0f%% skipped%n",
                recording, port, packagePrefix, from == null ? "the start" : from, to == null ? "the end" : to, skip * 100);
        System.out.print(table(sites, per));
    }

    /**
     * The {@code jdk.SocketRead} events of a recording whose remote port is {@code port}, less the
     * earliest {@code skipFraction} of them, summed per call site; the site with the most wait first.
     */
    static List<Site> summarize(Path recording, int port, String packagePrefix, double skipFraction) {
        return summarize(recording, port, packagePrefix, skipFraction, null, null);
    }

    /** As above, for the reads that started at or after {@code from} and before {@code to} (either may be null). */
    static List<Site> summarize(Path recording, int port, String packagePrefix, double skipFraction, Instant from, Instant to) {
        if (!(skipFraction >= 0 && skipFraction < 1)) {
            throw new IllegalArgumentException("the fraction to skip is at least 0 and less than 1, not " + skipFraction);
        }
        List<Read> reads = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals(SOCKET_READ) || event.getInt("port") != port
                        || from != null && event.getStartTime().isBefore(from) || to != null && !event.getStartTime().isBefore(to)) {
                    continue;
                }
                String site = names.computeIfAbsent(site(event.getStackTrace(), packagePrefix), s -> s);
                reads.add(new Read(nanos(event.getStartTime()), event.getDuration().toNanos(), site));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + recording, e);
        }
        reads.sort(Comparator.comparingLong(Read::startNanos));
        List<Read> kept = reads.subList((int) (reads.size() * skipFraction), reads.size());

        Map<String, List<Long>> bySite = new HashMap<>();
        for (Read read : kept) {
            bySite.computeIfAbsent(read.site(), s -> new ArrayList<>()).add(read.nanos());
        }
        List<Site> sites = new ArrayList<>();
        bySite.forEach((site, durations) -> {
            long[] sorted = durations.stream().mapToLong(Long::longValue).sorted().toArray();
            double totalMs = Arrays.stream(sorted).sum() / 1e6;
            sites.add(new Site(site, sorted.length, totalMs, totalMs / sorted.length,
                    percentile(sorted, 50) / 1e6, percentile(sorted, 90) / 1e6));
        });
        sites.sort(Comparator.comparingDouble(Site::totalMs).reversed().thenComparing(Site::site));
        return List.copyOf(sites);
    }

    /** The first frame from the top whose class is in the package, as {@code SimpleClassName.method:line}. */
    static String site(RecordedStackTrace stack, String packagePrefix) {
        if (stack == null) {
            return OTHER;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith(packagePrefix)) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
            }
        }
        return OTHER;
    }

    /** Nearest rank: the smallest value with at least {@code percent} of the values at or below it. */
    private static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static Instant instant(String text) {
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The sites as a plain-text table and a total line; with {@code per} > 0, also reads and wait per request. */
    static String table(List<Site> sites, double per) {
        int width = Math.max("total".length(), sites.stream().mapToInt(s -> s.site().length()).max().orElse(0));
        String row = "%-" + width + "s %10s %12s %9s %9s %9s";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, row, "site", "reads", "total ms", "mean ms", "p50 ms", "p90 ms"));
        out.append(per > 0 ? String.format(Locale.ROOT, " %11s %10s", "reads/req", "ms/req") : "").append('\n');
        for (Site s : sites) {
            out.append(String.format(Locale.ROOT, row, s.site(), s.reads(), fixed(s.totalMs(), 1), fixed(s.meanMs(), 3),
                    fixed(s.p50Ms(), 3), fixed(s.p90Ms(), 3)));
            out.append(perRequest(s.reads(), s.totalMs(), per)).append('\n');
        }
        long reads = sites.stream().mapToLong(Site::reads).sum();
        double totalMs = sites.stream().mapToDouble(Site::totalMs).sum();
        out.append(String.format(Locale.ROOT, row, "total", reads, fixed(totalMs, 1), reads == 0 ? "-" : fixed(totalMs / reads, 3), "", ""));
        out.append(perRequest(reads, totalMs, per)).append('\n');
        return out.toString();
    }

    private static String perRequest(long reads, double totalMs, double per) {
        return per > 0 ? String.format(Locale.ROOT, " %11s %10s", fixed(reads / per, 2), fixed(totalMs / per, 3)) : "";
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}

package io.paygate.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the bench on a collector that does not stop it for long. With G1 (the JVM's default here)
 * the load generator itself paused for up to 160 ms while 2,000 payments were in flight, and every
 * operation due or answered during such a pause is measured that much slower, as if the server had
 * been. So a bench started without a collector of its own choosing starts itself again on
 * generational ZGC, with the same JVM options and arguments, and exits with that run's status. A
 * collector named on the command line (any {@code -XX:+Use...GC}) is kept.
 */
final class LowPauseLaunch {

    static final String RELAUNCHED = "paygate.bench.relaunched";

    private LowPauseLaunch() {
    }

    /** The command that runs the bench again on ZGC, or empty when this JVM should run it itself. */
    static Optional<List<String>> command(List<String> jvmArguments, String collector, boolean relaunched, String java,
                                          Path jar, String[] args) {
        boolean chosen = jvmArguments.stream().anyMatch(a -> a.startsWith("-XX:+Use") && a.endsWith("GC"));
        if (relaunched || chosen || collector.startsWith("ZGC") || java == null || jar == null
                || !jar.getFileName().toString().endsWith(".jar")) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-XX:+UseZGC");
        command.addAll(jvmArguments);
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** Runs the bench again on ZGC if it should, and then exits with that run's status; returns otherwise. */
    static void relaunchIfNeeded(String[] args) throws Exception {
        Path jar;
        try {
            jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (RuntimeException e) {
            return;
        }
        String collector = ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName();
        Optional<List<String>> command = command(ManagementFactory.getRuntimeMXBean().getInputArguments(), collector,
                Boolean.getBoolean(RELAUNCHED), ProcessHandle.current().info().command().orElse(null), jar, args);
        if (command.isEmpty()) {
            return;
        }
        System.out.println("bench: starting again on ZGC, so that the load generator's own pauses stay out of the "
                + "latencies (name a collector, e.g. -XX:+UseG1GC, to keep yours)");
        System.exit(new ProcessBuilder(command.get()).inheritIO().start().waitFor());
    }
}

package io.paygate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time from {@code /proc}: the Paygate server process, the PostgreSQL processes working for the
 * benchmark, the simulated processor (a separate process, so that its work is not counted as the
 * gateway's) and this load generator itself, so cost per operation can be reported beside speed.
 *
 * <p>The PostgreSQL processes are the backends connected to the benchmark's database plus the
 * cluster's shared background processes (WAL writer, checkpointer, background writer), as
 * {@code pg_stat_activity} lists them; other databases' backends on the same cluster are left out.
 * Without such a list (a remote or unknown database) every local {@code postgres} process counts.
 */
public final class CpuMeter {

    /** The PostgreSQL process ids that work for the benchmark right now. */
    public interface DatabaseProcesses {
        Set<Long> pids();
    }

    /** CPU seconds used so far by each party, at one instant; the database's per process. */
    public record Sample(double serverSeconds, Map<Long, Double> databaseByProcess, double processorSeconds,
                         double benchSeconds, long nanos) {

        public double databaseSeconds() {
            return databaseByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /**
         * The usage between an earlier sample and this one. A database process that appeared in
         * between started during the interval, so all of its time counts.
         */
        public Sample minus(Sample earlier) {
            Map<Long, Double> database = new HashMap<>();
            databaseByProcess.forEach((pid, seconds) ->
                    database.put(pid, Math.max(0, seconds - earlier.databaseByProcess.getOrDefault(pid, 0.0))));
            return new Sample(serverSeconds - earlier.serverSeconds, database,
                    processorSeconds - earlier.processorSeconds, benchSeconds - earlier.benchSeconds, nanos - earlier.nanos);
        }
    }

    private final long serverPid;
    private final long processorPid;
    private final DatabaseProcesses database;
    private final double ticksPerSecond;

    /** @param serverPid the Paygate process, or -1 when it is not on this machine */
    public CpuMeter(long serverPid) {
        this(serverPid, null, -1);
    }

    /**
     * @param database     the PostgreSQL processes to count, or null for every local postgres process
     * @param processorPid the simulated processor's process, or -1 when there is none of its own
     */
    public CpuMeter(long serverPid, DatabaseProcesses database, long processorPid) {
        this.serverPid = serverPid;
        this.processorPid = processorPid;
        this.database = database;
        this.ticksPerSecond = clockTicks();
    }

    public Sample sample() {
        return new Sample(serverPid > 0 ? seconds(Path.of("/proc", String.valueOf(serverPid), "stat")) : 0,
                postgresSeconds(), processorPid > 0 ? seconds(Path.of("/proc", String.valueOf(processorPid), "stat")) : 0,
                seconds(Path.of("/proc/self/stat")), System.nanoTime());
    }

    private Map<Long, Double> postgresSeconds() {
        Map<Long, Double> byProcess = new HashMap<>();
        if (database != null) {
            for (long pid : database.pids()) {
                String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
                if (stat != null) {
                    byProcess.put(pid, ticks(stat) / ticksPerSecond);
                }
            }
            return byProcess;
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String stat = read(process.resolve("stat"));
                if (stat != null && stat.contains("(postgres)")) {
                    byProcess.put(Long.parseLong(process.getFileName().toString()), ticks(stat) / ticksPerSecond);
                }
            }
        } catch (IOException e) {
            return byProcess;
        }
        return byProcess;
    }

    private double seconds(Path stat) {
        String text = read(stat);
        return text == null ? 0 : ticks(text) / ticksPerSecond;
    }

    /** utime + stime (fields 14 and 15 of /proc/[pid]/stat), counted after the command name's parenthesis. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}

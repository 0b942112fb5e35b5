package io.paygate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time from {@code /proc}: the Paygate server process, every PostgreSQL process (summed), and
 * this load generator itself, so cost per operation can be reported beside speed.
 */
public final class CpuMeter {

    /** CPU seconds used so far by each party, at one instant. */
    public record Sample(double serverSeconds, double databaseSeconds, double benchSeconds, long nanos) {
        public Sample minus(Sample earlier) {
            return new Sample(serverSeconds - earlier.serverSeconds, databaseSeconds - earlier.databaseSeconds,
                    benchSeconds - earlier.benchSeconds, nanos - earlier.nanos);
        }
    }

    private final long serverPid;
    private final double ticksPerSecond;

    /** @param serverPid the Paygate process, or -1 when it is not on this machine */
    public CpuMeter(long serverPid) {
        this.serverPid = serverPid;
        this.ticksPerSecond = clockTicks();
    }

    public Sample sample() {
        return new Sample(serverPid > 0 ? seconds(Path.of("/proc", String.valueOf(serverPid), "stat")) : 0,
                postgresSeconds(), seconds(Path.of("/proc/self/stat")), System.nanoTime());
    }

    private double postgresSeconds() {
        double total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String stat = read(process.resolve("stat"));
                if (stat != null && stat.contains("(postgres)")) {
                    total += ticks(stat) / ticksPerSecond;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
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

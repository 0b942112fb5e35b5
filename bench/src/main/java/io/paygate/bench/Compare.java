package io.paygate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar bench/target/paygate-bench.jar compare --jar=<build A> --against=<build B> [options]}:
 * two builds measured in the same minutes. Both servers run at once, each on a fresh PostgreSQL
 * database, and the load alternates between them in short rounds (A B, then B A, and so on), so a
 * change in the machine's speed, which on these shared machines moves by half within the hour, falls
 * on both builds alike. Each round reports throughput and each party's CPU per operation; the summary
 * gives medians and how many rounds each build won.
 *
 * <p>Workloads: {@code read} (retrieve random intents among {@code --read-ids} made first) and
 * {@code checkout} (create and confirm, the simulator inside each server at 0 ms). Both are closed loop at
 * {@code --concurrency}, or with {@code --rate} open loop at that many operations a second: a rate far
 * below the maximum measures what an operation costs in latency on a nearly idle machine, where the
 * medians and tails of the rounds, not the throughput, tell the builds apart.
 */
final class Compare {

    static final String USAGE = "compare --jar=<build A jar> --against=<build B jar> [--workload=read|checkout] [--rounds=8]"
            + " [--window=8s] [--warmup=60s] [--concurrency=16] [--rate=<ops/s, open loop>] [--read-ids=300] [--pg-host=127.0.0.1] [--pg-port=5432]"
            + " [--pg-user=postgres] [--pg-password=] [--out=bench/results]";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Compare() {
    }

    /** One build's side of the comparison: its server, merchant, load generator and, for reads, its intents. */
    private record Side(String name, ServerLauncher server, PaygateTarget paygate, PaygateTarget.Merchant merchant,
                        LoadGenerator load, PostgresProcesses postgres, List<String> ids) {

        Outcome.Operation operation(String workload) {
            return switch (workload) {
                case "read" -> () -> PaygateTarget.outcome(paygate.retrieveIntent(merchant, ids.get(ThreadLocalRandom.current().nextInt(ids.size()))));
                case "checkout" -> () -> PaygateTarget.checkoutOutcome(paygate.checkout(merchant));
                default -> throw new IllegalArgumentException("unknown workload " + workload + " (read or checkout)");
            };
        }
    }

    /** A round's figures for one build. */
    record RoundResult(int round, String build, double perSecond, double serverCpuMs, double databaseCpuMs, double benchCpuMs,
                       double p50Ms, double p99Ms, long errors) {
    }

    static void main(String[] args) throws Exception {
        Options options = new Options(args);
        String first = options.string("jar", null);
        String second = options.string("against", null);
        if (first == null || second == null) {
            System.err.println("usage: java -jar bench/target/paygate-bench.jar " + USAGE);
            System.exit(2);
        }
        String workload = options.string("workload", "read");
        int rounds = options.integer("rounds", 8);
        Duration window = options.duration("window", Duration.ofSeconds(8));
        Duration warmUp = options.duration("warmup", Duration.ofSeconds(60));
        int concurrency = options.integer("concurrency", 16);
        double rate = options.number("rate", 0);
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be positive (or 0 for closed loop), not " + rate);
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = Path.of(options.string("out", "bench/results")).resolve(stamp + "-compare");
        String admin = "bench_admin_" + stamp.replace("-", "");
        Options.Postgres postgresServer = options.postgres();

        List<String> names = List.of("A", "B");
        List<Path> jars = List.of(Path.of(first), Path.of(second));
        List<Side> sides = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                String dbName = "paygate_compare_" + stamp.replace("-", "_") + "_" + names.get(i).toLowerCase(java.util.Locale.ROOT);
                ServerLauncher.Database database = postgresServer.fresh(dbName);
                databases.add(dbName);
                ServerLauncher server = ServerLauncher.start(jars.get(i), database, admin,
                        Map.of("paygate.request-log.enabled", "false"), out.resolve("server-" + names.get(i) + ".log"), "512m");
                PaygateTarget paygate = new PaygateTarget(server.baseUrl(), admin);
                PaygateTarget.Merchant merchant = paygate.onboard("Compare shop");
                PostgresProcesses postgres = new PostgresProcesses(database);
                List<String> ids = new ArrayList<>();
                if (workload.equals("read")) {
                    for (int n = options.integer("read-ids", 300); n > 0; n--) {
                        ids.add(PaygateTarget.json(paygate.checkout(merchant)).path("id").asString());
                    }
                }
                sides.add(new Side(names.get(i), server, paygate, merchant,
                        new LoadGenerator(new CpuMeter(server.pid(), postgres, -1)), postgres, ids));
            }
            // Warm both up in turns, so that neither build's compilers are still busy when the rounds begin.
            long slices = Math.max(1, warmUp.toSeconds() / 10);
            for (long s = 0; s < slices; s++) {
                for (Side side : sides) {
                    side.load().closedLoop(side.operation(workload), concurrency, Duration.ofSeconds(5));
                }
            }
            List<RoundResult> results = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                List<Side> order = r % 2 == 0 ? sides : sides.reversed();
                for (Side side : order) {
                    Window w = rate > 0 ? side.load().openLoop(side.operation(workload), rate, window)
                            : side.load().closedLoop(side.operation(workload), concurrency, window);
                    RoundResult result = new RoundResult(r, side.name(), w.throughput(), w.serverCpuMsPerOp(), w.databaseCpuMsPerOp(),
                            w.benchCpuMsPerOp(), w.percentileMs(50), w.percentileMs(99), w.errors());
                    results.add(result);
                    System.out.printf("round %d %s: %.0f/s, server %.3f ms, database %.3f ms CPU per op, p50 %.2f ms, p99 %.1f ms,"
                            + " errors %d%n", r, side.name(), result.perSecond(), result.serverCpuMs(), result.databaseCpuMs(),
                            result.p50Ms(), result.p99Ms(), result.errors());
                }
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("started", stamp);
            report.put("machine", Machine.describe());
            report.put("workload", workload);
            report.put("load", rate > 0 ? "open loop at " + rate + "/s" : "closed loop at concurrency " + concurrency);
            report.put("A", jars.get(0).toAbsolutePath().toString());
            report.put("B", jars.get(1).toAbsolutePath().toString());
            report.put("rounds", results.stream().map(Compare::toMap).toList());
            Map<String, Object> summary = summary(results);
            report.put("summary", summary);
            String markdown = markdown(workload + (rate > 0 ? ", open loop at " + Report.format(rate) + "/s" : ""), jars,
                    results, summary);
            Files.createDirectories(out);
            Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(report));
            Files.writeString(out.resolve("summary.md"), markdown);
            System.out.println(markdown);
            System.out.println("Results written to " + out.toAbsolutePath());
        } finally {
            for (Side side : sides) {
                side.postgres().close();
                side.server().close();
            }
            for (String dbName : databases) {
                postgresServer.drop(dbName);
            }
        }
    }

    private static Map<String, Object> toMap(RoundResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("round", r.round());
        out.put("build", r.build());
        out.put("per_s", r.perSecond());
        out.put("server_cpu_ms_per_op", r.serverCpuMs());
        out.put("database_cpu_ms_per_op", r.databaseCpuMs());
        out.put("bench_cpu_ms_per_op", r.benchCpuMs());
        out.put("p50_ms", r.p50Ms());
        out.put("p99_ms", r.p99Ms());
        out.put("errors", r.errors());
        return out;
    }

    /**
     * Medians per build, the ratio of A's median to B's, and in how many rounds A did better than B
     * (higher throughput; lower CPU per operation), each round's pair compared with itself.
     */
    static Map<String, Object> summary(List<RoundResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("per_s", metric(results, RoundResult::perSecond, true));
        out.put("server_cpu_ms_per_op", metric(results, RoundResult::serverCpuMs, false));
        out.put("database_cpu_ms_per_op", metric(results, RoundResult::databaseCpuMs, false));
        out.put("p50_ms", metric(results, RoundResult::p50Ms, false));
        out.put("p99_ms", metric(results, RoundResult::p99Ms, false));
        out.put("errors_A", results.stream().filter(r -> r.build().equals("A")).mapToLong(RoundResult::errors).sum());
        out.put("errors_B", results.stream().filter(r -> r.build().equals("B")).mapToLong(RoundResult::errors).sum());
        return out;
    }

    private static Map<String, Object> metric(List<RoundResult> results, ToDoubleFunction<RoundResult> value, boolean higherIsBetter) {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        Map<Integer, double[]> pairs = new LinkedHashMap<>();
        for (RoundResult r : results) {
            boolean isA = r.build().equals("A");
            (isA ? a : b).add(value.applyAsDouble(r));
            pairs.computeIfAbsent(r.round(), k -> new double[] {Double.NaN, Double.NaN})[isA ? 0 : 1] = value.applyAsDouble(r);
        }
        int wins = 0;
        int compared = 0;
        for (double[] pair : pairs.values()) {
            if (!Double.isNaN(pair[0]) && !Double.isNaN(pair[1])) {
                compared++;
                if (higherIsBetter ? pair[0] > pair[1] : pair[0] < pair[1]) {
                    wins++;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        double medianA = median(a);
        double medianB = median(b);
        out.put("median_A", medianA);
        out.put("median_B", medianB);
        out.put("A_over_B", medianB == 0 ? Double.NaN : medianA / medianB);
        out.put("rounds_A_better", wins);
        out.put("rounds_compared", compared);
        return out;
    }

    static double median(List<Double> values) {
        return Series.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @SuppressWarnings("unchecked")
    private static String markdown(String workload, List<Path> jars, List<RoundResult> results, Map<String, Object> summary) {
        StringBuilder md = new StringBuilder();
        md.append("# Paygate builds compared: ").append(workload).append("\n\n");
        md.append("- A: ").append(jars.get(0).toAbsolutePath()).append("\n");
        md.append("- B: ").append(jars.get(1).toAbsolutePath()).append("\n");
        md.append("- machine: ").append(Machine.describe()).append("\n\n");
        md.append("| round | build | ops/s | server CPU ms/op | DB CPU ms/op | bench CPU ms/op | p50 ms | p99 ms | errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (RoundResult r : results) {
            md.append("| ").append(r.round()).append(" | ").append(r.build()).append(" | ").append(Report.format(r.perSecond()))
                    .append(" | ").append(Report.format(r.serverCpuMs())).append(" | ").append(Report.format(r.databaseCpuMs()))
                    .append(" | ").append(Report.format(r.benchCpuMs())).append(" | ").append(Report.format(r.p50Ms()))
                    .append(" | ").append(Report.format(r.p99Ms())).append(" | ").append(r.errors()).append(" |\n");
        }
        md.append("\n| metric | median A | median B | A / B | rounds A better |\n|---|---|---|---|---|\n");
        for (String metric : List.of("per_s", "server_cpu_ms_per_op", "database_cpu_ms_per_op", "p50_ms", "p99_ms")) {
            Map<String, Object> m = (Map<String, Object>) summary.get(metric);
            md.append("| ").append(metric).append(" | ").append(Report.format(m.get("median_A"))).append(" | ")
                    .append(Report.format(m.get("median_B"))).append(" | ").append(Report.format(m.get("A_over_B"))).append(" | ")
                    .append(m.get("rounds_A_better")).append(" of ").append(m.get("rounds_compared")).append(" |\n");
        }
        return md.toString();
    }
}

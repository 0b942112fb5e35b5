package io.paygate.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark scenarios. Each reports its figures next to baselines measured in the same run,
 * because absolute numbers drift on shared machines: the database ceiling (the checkout's own SQL
 * replayed over JDBC) and the HTTP ceiling ({@code GET /healthz} through the same server).
 */
final class Scenarios {

    /**
     * How long and how often: warm-up before each series, measured window and repetitions, closed-loop
     * concurrency, the longest the server's first warm-up may take (see {@link #warmServer()}), the
     * open-loop rate of the loaded series (0: half the maximum) and that of the unloaded one.
     */
    record Plan(Duration warmUp, Duration window, int repetitions, int concurrency, Duration serverWarmUp, double rate,
                double floorRate) {
    }

    /**
     * The open-loop rate of the half-rate, webhook and in-flight series: half the measured maximum,
     * or the plan's fixed rate ({@code --rate}) to compare builds or machines at the same load.
     */
    private double loadRate(Series max) {
        return plan.rate() > 0 ? plan.rate() : Math.max(1, max.median(Window::throughput) / 2);
    }

    private final PaygateTarget paygate;
    private final PaygateTarget.Merchant merchant;
    private final LoadGenerator load;
    private final Plan plan;
    private final ServerLauncher.Database database;
    private Map<String, Object> serverWarmUp;
    /** The captured checkout's SQL: statements, round trips and transactions. */
    private Map<String, Object> checkoutSql = Map.of();

    Scenarios(PaygateTarget paygate, PaygateTarget.Merchant merchant, LoadGenerator load, Plan plan,
              ServerLauncher.Database database) {
        this.paygate = paygate;
        this.merchant = merchant;
        this.load = load;
        this.plan = plan;
        this.database = database;
    }

    private Series closed(String name, Outcome.Operation op, int concurrency) {
        return Series.measure(name, () -> load.closedLoop(op, concurrency, plan.warmUp()),
                () -> load.closedLoop(op, concurrency, plan.window()), plan.repetitions());
    }

    private Series open(String name, Outcome.Operation op, double rate) {
        return Series.measure(name, () -> load.openLoop(op, rate, plan.warmUp()),
                () -> load.openLoop(op, rate, plan.window()), plan.repetitions());
    }

    Outcome checkout() {
        return PaygateTarget.checkoutOutcome(paygate.checkout(merchant));
    }

    Outcome health() {
        return PaygateTarget.outcome(paygate.health());
    }

    /**
     * Checkouts until the server's JIT compilers go quiet (under 5% of the elapsed time spent
     * compiling over a 5 s slice), or the plan's limit: on two shared cores a fresh JVM compiles for
     * minutes, and a window measured meanwhile counts the compilers' CPU as the payments' cost.
     */
    Map<String, Object> warmServer() {
        if (serverWarmUp != null) {
            return serverWarmUp;
        }
        paygate.simulatorLatency(merchant, 0);
        long started = System.nanoTime();
        long limit = started + plan.serverWarmUp().toNanos();
        double share = 1;
        int slices = 0;
        long errors = 0;
        while (System.nanoTime() < limit) {
            double before = paygate.jitMillis();
            long sliceStart = System.nanoTime();
            Window slice = load.closedLoop(this::checkout, plan.concurrency(), Duration.ofSeconds(5));
            double after = paygate.jitMillis();
            slices++;
            errors += slice.errors();
            if (slice.completed() == 0 && slice.errors() > 0) {
                // A server that fails every payment would otherwise be measured failing them.
                throw new IllegalStateException("every warm-up checkout failed: " + slice.errorsByType());
            }
            if (before < 0 || after < 0) {
                // Without the server's compilation time the warm-up runs to its limit.
                share = -1;
                System.out.printf("server warm-up: %.0f checkouts/s, JIT time not reported%n", slice.throughput());
                continue;
            }
            share = (after - before) / ((System.nanoTime() - sliceStart) / 1e6);
            System.out.printf("server warm-up: %.0f checkouts/s, JIT %.0f%% of the slice%n", slice.throughput(), share * 100);
            if (share < 0.05) {
                break;
            }
        }
        serverWarmUp = new LinkedHashMap<>();
        serverWarmUp.put("seconds", Math.round((System.nanoTime() - started) / 1e9));
        serverWarmUp.put("slices", slices);
        serverWarmUp.put("errors", errors);
        serverWarmUp.put("jit_share_of_last_slice", Math.round(share * 1000) / 1000.0);
        return serverWarmUp;
    }

    /** Scenario 1: the checkout at 0 ms and 200 ms simulator latency, against the database and HTTP ceilings. */
    Map<String, Object> checkoutScenario(Map<String, Series> all) {
        Map<String, Object> warm = warmServer();
        paygate.simulatorLatency(merchant, 0);
        Series max = closed("checkout_max_0ms", this::checkout, plan.concurrency());
        Series http = closed("baseline_http_ceiling", this::health, plan.concurrency());
        double halfRate = loadRate(max);
        paygate.simulatorLatency(merchant, 200);
        Series half200 = open("checkout_half_rate_200ms", this::checkout, halfRate);
        // The same payments on a nearly idle machine: what a payment's own path costs, with no
        // queueing behind the other parties on the shared cores (the overhead's floor on this machine).
        Series floor200 = open("checkout_floor_200ms", this::checkout, plan.floorRate());
        paygate.simulatorLatency(merchant, 0);
        Series half0 = open("checkout_half_rate_0ms", this::checkout, halfRate);
        DatabaseSeries database = databaseSeries(halfRate);
        Series db = database.ceiling();
        Series dbFloor = database.floor();
        Series dbHalf = database.halfRate();
        all.put(max.name(), max);
        all.put(http.name(), http);
        all.put(db.name(), db);
        all.put(dbFloor.name(), dbFloor);
        all.put(dbHalf.name(), dbHalf);
        all.put(half200.name(), half200);
        all.put(half0.name(), half0);
        all.put(floor200.name(), floor200);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server_warm_up", warm);
        out.put("checkout_per_s", max.median(Window::throughput));
        out.put("database_ceiling_per_s", db.median(Window::throughput));
        out.put("http_ceiling_per_s", http.median(Window::throughput));
        out.put("ratio_to_database_ceiling", max.median(Window::throughput) / db.median(Window::throughput));
        out.put("ratio_to_http_ceiling", max.median(Window::throughput) / http.median(Window::throughput));
        out.put("half_rate_per_s", halfRate);
        out.put("load", plan.rate() > 0 ? "a fixed " + Report.format(plan.rate()) + "/s" : "half max rate");
        // The gateway's overhead: each payment's latency minus the time the server reports (its
        // Server-Timing header) it waited on the processor, which includes the processor's own work.
        out.put("overhead_p50_ms_at_200ms", half200.median(w -> w.overheadPercentileMs(50)));
        out.put("overhead_p99_ms_at_200ms", half200.median(w -> w.overheadPercentileMs(99)));
        out.put("latency_minus_200ms_p99_ms", half200.median(w -> w.percentileMs(99)) - 200);
        out.put("floor_rate_per_s", plan.floorRate());
        out.put("floor_overhead_p50_ms", floor200.median(w -> w.overheadPercentileMs(50)));
        out.put("floor_overhead_p99_ms", floor200.median(w -> w.overheadPercentileMs(99)));
        // The payment's SQL alone, replayed over JDBC at the floor rate and at the load's rate with no
        // server running payments: how much of the overhead the database's own time already takes.
        out.put("floor_database_p50_ms", dbFloor.median(w -> w.percentileMs(50)));
        out.put("floor_database_p99_ms", dbFloor.median(w -> w.percentileMs(99)));
        out.put("half_rate_database_p50_ms", dbHalf.median(w -> w.percentileMs(50)));
        out.put("half_rate_database_p99_ms", dbHalf.median(w -> w.percentileMs(99)));
        out.put("latency_p99_ms_at_0ms_half_rate", half0.median(w -> w.percentileMs(99)));
        out.put("server_cpu_ms_per_payment", max.median(Window::serverCpuMsPerOp));
        out.put("database_cpu_ms_per_payment", max.median(Window::databaseCpuMsPerOp));
        out.put("database_cpu_ms_per_replay", db.median(Window::databaseCpuMsPerOp));
        out.put("checkout_sql", checkoutSql);
        out.put("processor_cpu_ms_per_payment", max.median(Window::processorCpuMsPerOp));
        out.put("bench_cpu_ms_per_payment", max.median(Window::benchCpuMsPerOp));
        out.put("errors", max.totalErrors() + half200.totalErrors() + half0.totalErrors() + floor200.totalErrors());
        return out;
    }

    /** The maximum checkout rate alone, with its cost per payment: for profiling and before/after comparisons. */
    Map<String, Object> checkoutMaxScenario(Map<String, Series> all) {
        Map<String, Object> warm = warmServer();
        paygate.simulatorLatency(merchant, 0);
        Series max = closed("checkout_max_0ms", this::checkout, plan.concurrency());
        all.put(max.name(), max);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server_warm_up", warm);
        out.put("checkout_per_s", max.median(Window::throughput));
        out.put("server_cpu_ms_per_payment", max.median(Window::serverCpuMsPerOp));
        out.put("database_cpu_ms_per_payment", max.median(Window::databaseCpuMsPerOp));
        out.put("processor_cpu_ms_per_payment", max.median(Window::processorCpuMsPerOp));
        out.put("bench_cpu_ms_per_payment", max.median(Window::benchCpuMsPerOp));
        return out;
    }

    /** The replayed checkout SQL's series: the ceiling (closed loop) and the SQL alone at the floor and half rates. */
    private record DatabaseSeries(Series ceiling, Series floor, Series halfRate) {
    }

    /**
     * The checkout's SQL, captured from one real checkout and replayed over JDBC with the server's pool
     * size: closed loop for the database ceiling, then open loop at the floor rate and at {@code halfRate},
     * the time the payment's database work takes by itself at the loads the overhead is measured at.
     */
    private DatabaseSeries databaseSeries(double halfRate) {
        PaygateTarget.Answer sample = paygate.capturedCheckout(merchant);
        JsonNode capture = paygate.sqlCapture(sample.requestId());
        SqlReplay replay = SqlReplay.fromCapture(capture);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(20);
        config.setPoolName("bench-replay");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            // Each replay runs on a thread of its own, as each of the server's requests does: the pool
            // hands a connection back to the thread that last returned it first, and a worker looping on
            // one thread would keep retaking its own while others waited on the pool (for seconds).
            Series series = closed("baseline_database_ceiling", () -> {
                java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
                Thread.ofVirtual().start(() -> {
                    try {
                        replay.runOnce(pool);
                    } catch (Exception e) {
                        failure.set(e);
                    }
                }).join();
                if (failure.get() != null) {
                    throw failure.get();
                }
                return Outcome.OK;
            }, plan.concurrency());
            // Open loop starts every replay on a thread of its own already.
            Outcome.Operation once = () -> {
                replay.runOnce(pool);
                return Outcome.OK;
            };
            Series floor = open("baseline_database_floor", once, plan.floorRate());
            Series half = open("baseline_database_half_rate", once, halfRate);
            System.out.printf("database ceiling: %d statements, %d round trips, %d transactions per checkout%n",
                    replay.statementCount(), replay.roundTrips(), replay.transactionCount());
            checkoutSql = Map.of("statements", replay.statementCount(), "round_trips", replay.roundTrips(),
                    "transactions", replay.transactionCount());
            return new DatabaseSeries(series, floor, half);
        }
    }

    /** Scenario 2: reads of random existing payment intents against the HTTP ceiling. */
    Map<String, Object> readScenario(Map<String, Series> all, int existing) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < existing; i++) {
            PaygateTarget.Answer answer = paygate.checkout(merchant);
            ids.add(PaygateTarget.json(answer).path("id").asString());
        }
        Series read = closed("read_intent", () -> PaygateTarget.outcome(
                paygate.retrieveIntent(merchant, ids.get(ThreadLocalRandom.current().nextInt(ids.size())))), plan.concurrency());
        Series http = all.get("baseline_http_ceiling");
        all.put(read.name(), read);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reads_per_s", read.median(Window::throughput));
        out.put("http_ceiling_per_s", http.median(Window::throughput));
        out.put("ratio_to_http_ceiling", read.median(Window::throughput) / http.median(Window::throughput));
        out.put("read_p99_ms", read.median(w -> w.percentileMs(99)));
        return out;
    }

    /** Scenario 3: webhook deliveries to a local receiver while checkouts run at half the maximum rate. */
    Map<String, Object> webhookScenario(Map<String, Series> all) {
        double halfRate = loadRate(all.get("checkout_max_0ms"));
        try (WebhookSink sink = new WebhookSink()) {
            String endpoint = paygate.webhookEndpoint(merchant, sink.url(), "*");
            Outcome.Operation op = () -> {
                PaygateTarget.Answer answer = paygate.checkout(merchant);
                if (answer.status() == 200) {
                    sink.answered(PaygateTarget.json(answer).path("id").asString());
                }
                return PaygateTarget.checkoutOutcome(answer);
            };
            // Like every series, the lag and the delivery rate cover the measured windows only: the
            // warm-up (the first deliveries to a new endpoint among them) is run, then forgotten.
            long[] before = new long[1];
            Series series = Series.measure("checkout_with_webhooks", () -> {
                Window warm = load.openLoop(op, halfRate, plan.warmUp());
                sink.lag();
                before[0] = sink.received();
                return warm;
            }, () -> load.openLoop(op, halfRate, plan.window()), plan.repetitions());
            double seconds = Math.max(1, series.windows().stream().mapToDouble(Window::seconds).sum());
            var lag = sink.lag();
            // Later scenarios must not pay for deliveries to a receiver that is gone.
            paygate.deleteWebhookEndpoint(merchant, endpoint);
            all.put(series.name(), series);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("checkout_rate_per_s", halfRate);
            out.put("events_delivered_per_s", (sink.received() - before[0]) / seconds);
            out.put("lag_p50_ms", lag.getValueAtPercentile(50) / 1000.0);
            out.put("lag_p99_ms", lag.getValueAtPercentile(99) / 1000.0);
            out.put("lag_max_ms", lag.getMaxValue() / 1000.0);
            out.put("lag_samples", lag.getTotalCount());
            return out;
        }
    }

    /**
     * Scenario 5: many payments in flight at the processor. Keeping 2,000 in flight at 200 ms needs
     * 10,000 payments/s; where the machine cannot start that many, the processor latency is raised
     * until half the maximum rate keeps 2,000 in flight, which tests the same thing: 2,000 payments
     * waiting on the processor at once without exhausting connections or threads.
     */
    Map<String, Object> inFlightScenario(Map<String, Series> all, int inFlight) {
        double halfRate = loadRate(all.get("checkout_max_0ms"));
        long latencyMs = Math.max(200, Math.round(inFlight / halfRate * 1000));
        paygate.simulatorLatency(merchant, latencyMs);
        double rate = inFlight * 1000.0 / latencyMs;
        // Arrivals run for one processor latency (the ramp to the full number in flight) plus the
        // measured window, so the window sees the steady state; one repetition, no warm-up beyond the ramp.
        Duration arrivals = Duration.ofMillis(latencyMs).plus(plan.window());
        Series series = Series.measure("checkout_" + inFlight + "_in_flight", null,
                () -> load.openLoop(this::checkout, rate, arrivals), 1);
        paygate.simulatorLatency(merchant, 0);
        all.put(series.name(), series);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target_in_flight", inFlight);
        out.put("processor_latency_ms", latencyMs);
        out.put("rate_per_s", rate);
        out.put("arrivals_seconds", arrivals.toMillis() / 1000.0);
        out.put("max_in_flight_seen", series.windows().stream().mapToLong(Window::maxInFlight).max().orElse(0));
        out.put("errors", series.totalErrors());
        out.put("overhead_p99_ms", series.median(w -> w.overheadPercentileMs(99)));
        out.put("overhead_p50_ms", series.median(w -> w.overheadPercentileMs(50)));
        out.put("latency_minus_processor_latency_p99_ms", series.median(w -> w.percentileMs(99)) - latencyMs);
        return out;
    }

    /**
     * Start-up to ready on the embedded default, each start on a fresh data directory (so Flyway
     * creates the schema every time): as the README starts it (the extracted launch layout with the
     * ahead-of-time cache, where the build made one), alternating with the runnable jar started plainly.
     */
    static Map<String, Object> startupScenario(java.nio.file.Path jar, int runs, java.nio.file.Path logs) {
        List<double[]> launched = new ArrayList<>();
        List<double[]> plain = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            launched.add(startOnce(jar, false, logs.resolve("startup-" + i + ".log")));
            plain.add(startOnce(jar, true, logs.resolve("startup-plain-" + i + ".log")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String launch = String.join(" ", ServerLauncher.launchArguments(jar));
        out.put("launch", launch);
        if (Runtime.version().feature() >= 25 && !launch.contains("-XX:AOTCache=")) {
            // The build makes the cache on JDK 25+; a later package with -Dpaygate.aot.skip (a test run) removes it.
            String warning = "no ahead-of-time cache beside the jar, so this is not the README's start: package again "
                    + "without -Dpaygate.aot.skip";
            out.put("warning", warning);
            System.err.println("start-up: " + warning);
        }
        out.put("runs", column(launched, 0));
        out.put("median_seconds", median(column(launched, 0)));
        out.put("cpu_seconds_runs", column(launched, 1));
        out.put("cpu_median_seconds", median(column(launched, 1)));
        out.put("plain_jar_runs", column(plain, 0));
        out.put("plain_jar_median_seconds", median(column(plain, 0)));
        out.put("plain_jar_cpu_median_seconds", median(column(plain, 1)));
        return out;
    }

    /** Seconds to ready and the server's CPU seconds by then. */
    private static double[] startOnce(java.nio.file.Path jar, boolean plain, java.nio.file.Path log) {
        try (ServerLauncher server = ServerLauncher.start(jar, new ServerLauncher.Database(null, null, null), "bench_admin",
                Map.of(), log, "512m", List.of(), plain)) {
            return new double[] {server.startupTime().toMillis() / 1000.0, Math.round(server.startupCpuSeconds() * 100) / 100.0};
        }
    }

    private static List<Double> column(List<double[]> rows, int index) {
        return rows.stream().map(row -> row[index]).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

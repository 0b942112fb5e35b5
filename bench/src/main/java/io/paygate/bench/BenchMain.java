package io.paygate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar bench/target/paygate-bench.jar run [options]}: starts Paygate on a fresh
 * PostgreSQL database (or targets a running one), runs the scenarios with their same-run
 * baselines, and writes {@code results.json} and {@code summary.md}. See BENCHMARKS.md.
 */
public final class BenchMain {

    private BenchMain() {
    }

    private static List<String> jvmOptions(Options options) {
        String value = options.string("server-jvm-options", "").trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    /**
     * Whether the first server runs the checkout scenario: for itself, for the read scenario (judged
     * against its HTTP ceiling), for the webhook scenario (which loads the server it warmed) and for
     * the in-flight scenario unless that runs on a server of its own, which it warms itself, at a
     * fixed {@code rate} (it needs the checkout's maximum only to take half of it).
     */
    static boolean runsCheckoutScenario(Set<String> wanted, double rate, boolean inFlightApart) {
        boolean forInFlight = wanted.contains("in-flight") && (rate <= 0 || !inFlightApart);
        return wanted.contains("checkout") || wanted.contains("read") || wanted.contains("webhooks") || forInFlight;
    }

    /** The heap of the server the scenarios run on (the in-flight scenario's may differ). */
    private static final String SERVER_HEAP = "512m";

    /**
     * The card vault's keys for the run's gateway servers. Without them each server would generate
     * its own in its data directory, and a second server on the same database (the in-flight
     * scenario's) could not open what the first stored, as two production instances could not
     * without shared keys. Made afresh for every run; the run's database is dropped at its end.
     */
    private static Map<String, String> vaultKeys() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] dataKey = new byte[32];
        byte[] fingerprintKey = new byte[32];
        random.nextBytes(dataKey);
        random.nextBytes(fingerprintKey);
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        return Map.of("paygate.vault.data-keys", "vkbench:" + base64.encodeToString(dataKey),
                "paygate.vault.fingerprint-key", base64.encodeToString(fingerprintKey));
    }

    private static Map<String, String> gatewayProperties(ServerLauncher processor) {
        Map<String, String> properties = new LinkedHashMap<>(vaultKeys());
        properties.put("paygate.diagnostics.sql-capture", "true");
        properties.put("paygate.request-log.enabled", "false");
        if (processor != null) {
            properties.put("paygate.simulator.base-url", processor.baseUrl() + "/simulator");
        }
        return properties;
    }

    /** Runs a scenario; if it fails (the server stops answering, say), records why and lets the run report the rest. */
    private static Map<String, Object> attempt(java.util.function.Supplier<Map<String, Object>> scenario) {
        try {
            return scenario.get();
        } catch (RuntimeException e) {
            e.printStackTrace();
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("failed", e.getClass().getSimpleName() + ": " + e.getMessage());
            return failed;
        }
    }

    /**
     * The in-flight scenario on a server of its own with {@code heap}: a server that holds 2,000
     * payments waiting holds their requests' buffers (some 120 KB each, see BENCHMARKS.md), so it is
     * started afresh with a heap sized for them, on the same database and processor, and warmed up
     * like the first.
     */
    private static Map<String, Object> inFlightOnItsOwnServer(Path jar, ServerLauncher.Database database, String admin,
                                                              Map<String, String> gateway, ServerLauncher processor, Path out,
                                                              String heap, Options options, Options.Postgres postgresServer,
                                                              PaygateTarget.Merchant merchant, Scenarios.Plan plan,
                                                              Map<String, Series> series) throws Exception {
        try (ServerLauncher server = ServerLauncher.start(jar, database, admin, gateway,
                out.resolve("server-in-flight.log"), heap, jvmOptions(options))) {
            PaygateTarget paygate = new PaygateTarget(server.baseUrl(), admin);
            PostgresProcesses postgres = postgresServer.local() ? new PostgresProcesses(database) : null;
            CpuMeter cpu = new CpuMeter(server.pid(), postgres, processor == null ? -1 : processor.pid());
            Scenarios s = new Scenarios(paygate, merchant, new LoadGenerator(cpu), plan, database);
            try (postgres; HeapSampler sampler = new HeapSampler(paygate, admin)) {
                Map<String, Object> warm = s.warmServer();
                Map<String, Object> inFlight = inFlight(s, sampler, series, options, heap);
                inFlight.put("server_warm_up", warm);
                return inFlight;
            }
        }
    }

    /** The in-flight scenario on {@code s}'s server, with the heap it had and the most of it used. */
    private static Map<String, Object> inFlight(Scenarios s, HeapSampler sampler, Map<String, Series> series, Options options,
                                                String heap) {
        sampler.sinceLastMark();
        Map<String, Object> inFlight = attempt(() -> s.inFlightScenario(series, options.integer("in-flight", 2000)));
        inFlight.put("server_heap", heap);
        inFlight.put("server_max_heap_used_mb", sampler.sinceLastMark());
        return inFlight;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && Set.of("run", "compare", "scale").contains(args[0])) {
            LowPauseLaunch.relaunchIfNeeded(args);
        }
        if (args.length > 0 && args[0].equals("scale")) {
            io.paygate.bench.scale.ScaleMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("compare")) {
            Compare.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("database-waits")) {
            DatabaseWaits.run(new Options(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args.length == 0 || !args[0].equals("run")) {
            System.err.println("usage: java -jar bench/target/paygate-bench.jar run [--scenarios=checkout,read,webhooks,in-flight,startup|checkout-max]"
                    + " [--warmup=10s] [--window=20s] [--repetitions=3] [--concurrency=32] [--server-warmup=180s] [--in-flight=2000] [--in-flight-heap=1g] [--rate=<payments/s>] [--floor-rate=10]"
                    + " [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-user=postgres] [--pg-password=] [--jar=server/target/paygate-server.jar]"
                    + " [--processor=external|in-process] [--server-jvm-options='-XX:StartFlightRecording=filename=checkout.jfr ...'] [--keep-database] [--out=bench/results]");
            System.err.println("       java -jar bench/target/paygate-bench.jar " + io.paygate.bench.scale.ScaleMain.USAGE);
            System.err.println("       java -jar bench/target/paygate-bench.jar " + Compare.USAGE);
            System.err.println("       java -jar bench/target/paygate-bench.jar " + DatabaseWaits.USAGE);
            System.exit(2);
        }
        Options options = new Options(java.util.Arrays.copyOfRange(args, 1, args.length));
        Set<String> wanted = Set.of(options.string("scenarios", "checkout,read,webhooks,in-flight,startup").split(","));
        Scenarios.Plan plan = new Scenarios.Plan(options.duration("warmup", Duration.ofSeconds(10)),
                options.duration("window", Duration.ofSeconds(20)), options.integer("repetitions", 3),
                options.integer("concurrency", 32), options.duration("server-warmup", Duration.ofSeconds(180)),
                options.number("rate", 0), options.number("floor-rate", 10));
        if (plan.floorRate() <= 0) {
            // Refused here rather than minutes into the checkout scenario, where the open loop would refuse it.
            throw new IllegalArgumentException("--floor-rate is payments per second, more than 0: " + plan.floorRate());
        }
        // The in-flight scenario's server heap: 512m runs it in the first server, beside the others.
        String inFlightHeap = options.string("in-flight-heap", "1g");
        boolean inFlightApart = !inFlightHeap.equals(SERVER_HEAP);
        Path jar = options.string("jar", null) == null ? ServerLauncher.defaultJar() : Path.of(options.string("jar", null));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = Path.of(options.string("out", "bench/results")).resolve(stamp);
        String admin = "bench_admin_" + stamp.replace("-", "");
        Options.Postgres postgresServer = options.postgres();
        ServerLauncher.Database database = postgresServer.fresh("paygate_bench_" + stamp.replace("-", "_"));

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started", stamp);
        run.put("machine", Machine.describe());
        run.put("plan", plan.toString());
        run.put("database", Machine.postgresSettings(database));
        Map<String, Series> series = new LinkedHashMap<>();
        Map<String, Map<String, Object>> scenarios = new LinkedHashMap<>();
        // The simulated processor runs in a process of its own (Paygate's jar on its embedded
        // database), as a real processor is not inside the gateway: its CPU, connections, heap and
        // database writes are then not counted as the gateway's. --processor=in-process keeps the
        // gateway's own simulator, for comparison with earlier runs.
        boolean ownProcessor = !options.string("processor", "external").equals("in-process");
        try (ServerLauncher processor = ownProcessor
                ? ServerLauncher.start(jar, new ServerLauncher.Database(null, null, null), admin,
                        Map.of("paygate.request-log.enabled", "false", "management.tracing.sampling.probability", "0",
                                // It stands in for a remote processor: its records live only for the run,
                                // so it keeps them in memory and spends no CPU writing them to disk.
                                "spring.datasource.url", "jdbc:h2:mem:processor;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"),
                        out.resolve("processor.log"), "1g", List.of())
                : null) {
            Map<String, String> gateway = gatewayProperties(processor);
            PaygateTarget.Merchant merchant;
            try (ServerLauncher server = ServerLauncher.start(jar, database, admin, gateway,
                    out.resolve("server.log"), SERVER_HEAP, jvmOptions(options))) {
                run.put("processor", processor == null ? "in the gateway's process" : "own process, embedded database");
                PaygateTarget paygate = new PaygateTarget(server.baseUrl(), admin);
                merchant = paygate.onboard("Bench shop");
                PostgresProcesses postgres = postgresServer.local() ? new PostgresProcesses(database) : null;
                CpuMeter cpu = new CpuMeter(server.pid(), postgres, processor == null ? -1 : processor.pid());
                Scenarios s = new Scenarios(paygate, merchant, new LoadGenerator(cpu), plan, database);
                try (postgres; HeapSampler heap = new HeapSampler(paygate, admin)) {
                    if (runsCheckoutScenario(wanted, plan.rate(), inFlightApart)) {
                        heap.sinceLastMark();
                        Map<String, Object> checkout = s.checkoutScenario(series);
                        checkout.put("server_max_heap_used_mb", heap.sinceLastMark());
                        scenarios.put("checkout", checkout);
                    }
                    if (wanted.contains("checkout-max") && !scenarios.containsKey("checkout")) {
                        scenarios.put("checkout_max", s.checkoutMaxScenario(series));
                    }
                    if (wanted.contains("read")) {
                        scenarios.put("read", attempt(() -> s.readScenario(series, options.integer("read-ids", 2000))));
                    }
                    if (wanted.contains("webhooks")) {
                        scenarios.put("webhooks", attempt(() -> s.webhookScenario(series)));
                    }
                    if (wanted.contains("in-flight") && !inFlightApart) {
                        scenarios.put("in_flight", inFlight(s, heap, series, options, SERVER_HEAP));
                    }
                    run.put("server_max_heap_used_mb", heap.maxBytes() / (1024 * 1024));
                }
            }
            if (wanted.contains("in-flight") && inFlightApart) {
                scenarios.put("in_flight", inFlightOnItsOwnServer(jar, database, admin, gateway, processor, out, inFlightHeap,
                        options, postgresServer, merchant, plan, series));
            }
        }
        if (!options.flag("keep-database")) {
            postgresServer.drop("paygate_bench_" + stamp.replace("-", "_"));
        }
        if (wanted.contains("startup")) {
            scenarios.put("startup", Scenarios.startupScenario(jar, options.integer("startup-runs", 5), out));
        }
        List<Report.Target> targets = Targets.evaluate(scenarios, run);
        Path dir = Report.write(out, run, series, scenarios, targets);
        System.out.println(Report.markdown(run, series, scenarios, targets));
        System.out.println("Results written to " + dir.toAbsolutePath());
    }
}

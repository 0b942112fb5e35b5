package io.paygate.bench.scale;

import io.paygate.bench.CpuMeter;
import io.paygate.bench.LoadGenerator;
import io.paygate.bench.Machine;
import io.paygate.bench.Options;
import io.paygate.bench.PaygateTarget;
import io.paygate.bench.Report;
import io.paygate.bench.Series;
import io.paygate.bench.ServerLauncher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar bench/target/paygate-bench.jar scale --intents=1000000 [options]}: starts Paygate
 * on a fresh PostgreSQL database, onboards a merchant through the API, loads its history with COPY,
 * checks that it reads back consistently, records the plans of the read endpoints' SQL at that size,
 * measures each read endpoint, and writes {@code results.json} and {@code summary.md}.
 */
public final class ScaleMain {

    public static final String USAGE = "scale --intents=1000000 [--customers=intents/100] [--workers=2] [--batch=20000]"
            + " [--journal=true] [--seed=42] [--mixed-warmup=30s] [--warmup=5s] [--window=10s] [--repetitions=3] [--concurrency=2]"
            + " [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-user=postgres] [--pg-password=] [--jar=server/target/paygate-server.jar]"
            + " [--keep-database] [--load-only] [--out=bench/results]";

    private ScaleMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        long intents = Long.parseLong(options.string("intents", "1000000"));
        int customers = options.integer("customers", (int) Math.max(10, intents / 100));
        ScaleScenario.Plan plan = new ScaleScenario.Plan(options.duration("warmup", Duration.ofSeconds(5)),
                options.duration("window", Duration.ofSeconds(10)), options.integer("repetitions", 3),
                options.integer("concurrency", 2));
        Path jar = options.string("jar", null) == null ? ServerLauncher.defaultJar() : Path.of(options.string("jar", null));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path out = Path.of(options.string("out", "bench/results")).resolve(stamp + "-scale");
        String admin = "bench_admin_" + stamp.replace("-", "");
        Options.Postgres postgres = options.postgres();
        String name = "paygate_scale_" + stamp.replace("-", "_");
        ServerLauncher.Database database = postgres.fresh(name);

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started", stamp);
        run.put("machine", Machine.describe());
        run.put("plan", plan + ", mixed warm-up " + options.duration("mixed-warmup", Duration.ofSeconds(30)));
        run.put("database", options.flag("keep-database") ? database.url() : name + " (dropped after the run)");
        Map<String, Series> series = new LinkedHashMap<>();
        Map<String, Map<String, Object>> scenarios = new LinkedHashMap<>();
        List<Report.Target> targets;
        try {
            try (ServerLauncher server = ServerLauncher.start(jar, database, admin,
                    Map.of("paygate.diagnostics.sql-capture", "true", "paygate.request-log.enabled", "false"),
                    out.resolve("server.log"), "512m")) {
                PaygateTarget paygate = new PaygateTarget(server.baseUrl(), admin);
                PaygateTarget.Merchant merchant = paygate.onboard("Scale shop");
                ScaleLoader loader = new ScaleLoader(database, options.integer("workers", 2), options.integer("batch", 20_000),
                        Boolean.parseBoolean(options.string("journal", "true")));
                Map<String, Long> rows = new TreeMap<>();
                ScaleWorld world = loader.prepare(merchant.id(), merchant.simulatorAccount(), intents, customers,
                        Long.parseLong(options.string("seed", "42")), options.string("api-version", "2026-07-29.dahlia"),
                        options.integer("settlement-delay-days", 2), rows);
                ScaleSample sample = new ScaleSample();
                sample.customers(world.customers());
                System.out.printf("loading %,d payment intents for %s (%,d customers)%n", intents, merchant.id(), customers);
                ScaleLoader.Result loaded = loader.load(world, sample, rows);
                System.out.printf("loaded %,d rows in %.1f s: %,.0f rows/s; vacuum analyze %.1f s; %s%n", loaded.totalRows(),
                        loaded.seconds(), loaded.rowsPerSecond(), loaded.vacuumSeconds(), loaded.rows());
                Map<String, Object> load = new LinkedHashMap<>();
                load.put("payment_intents", intents);
                load.put("rows", loaded.rows());
                load.put("total_rows", loaded.totalRows());
                load.put("load_seconds", loaded.seconds());
                load.put("rows_per_s", loaded.rowsPerSecond());
                load.put("vacuum_analyze_seconds", loaded.vacuumSeconds());
                load.put("sample", sample.describe());
                scenarios.put("scale_load", load);

                ScaleScenario scenario = new ScaleScenario(paygate, merchant, new LoadGenerator(new CpuMeter(server.pid())), plan,
                        sample, world);
                scenarios.put("scale_checks", scenario.verify(loaded));
                try (Connection connection = DriverManager.getConnection(database.url(), postgres.user(), postgres.password())) {
                    scenarios.put("scale_plans", scenario.plans(new ScalePlans(paygate, admin), connection));
                }
                if (options.flag("load-only")) {
                    targets = List.of();
                } else {
                    Map<String, Object> measured = scenario.measure(series, options.duration("mixed-warmup", Duration.ofSeconds(30)));
                    scenarios.put("scale_reads", measured);
                    targets = ScaleScenario.targets(measured, intents);
                }
            }
        } finally {
            if (!options.flag("keep-database")) {
                postgres.drop(name);
            }
        }
        Path dir = Report.write(out, run, series, scenarios, targets);
        System.out.println(Report.markdown(run, series, scenarios, targets));
        System.out.println("Results written to " + dir.toAbsolutePath());
    }
}

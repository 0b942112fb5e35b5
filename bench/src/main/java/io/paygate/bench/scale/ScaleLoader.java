package io.paygate.bench.scale;

import io.paygate.bench.ServerLauncher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a Paygate PostgreSQL database (schema made by the server's Flyway) with a merchant's history
 * through {@code COPY … FROM STDIN}: customers and cards first, then payment intents with their
 * charges, refunds, events, balance transactions, journal entries and postings, and metadata index
 * rows, in batches copied by parallel workers; then the ledger accounts' maintained totals, and
 * {@code VACUUM ANALYZE} so the planner and the visibility map see the data as a settled database would.
 */
final class ScaleLoader {

    /** What a load did: rows per table, seconds, and the balance it should show. */
    record Result(Map<String, Long> rows, double seconds, double vacuumSeconds, long available, long pending) {
        long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        double rowsPerSecond() {
            return totalRows() / Math.max(1e-9, seconds);
        }
    }

    static final String[] TABLES = {"customers", "payment_methods", "payment_intents", "charges", "refunds", "events",
            "balance_transactions", "journal_entries", "postings", "metadata_entries", "ledger_accounts"};

    private final ServerLauncher.Database database;
    private final int workers;
    private final int batchSize;
    private final boolean journal;

    ScaleLoader(ServerLauncher.Database database, int workers, int batchSize, boolean journal) {
        this.database = database;
        this.workers = workers;
        this.batchSize = batchSize;
        this.journal = journal;
    }

    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        try (Statement s = connection.createStatement()) {
            // A bulk load that is redone from scratch if the machine fails does not need to wait for each commit's flush.
            s.execute("set synchronous_commit = off");
        }
        return connection;
    }

    /** Creates the customers, their cards and the ledger accounts; returns the world the batches share. */
    ScaleWorld prepare(String merchantId, String connectorAccountId, long intents, int customers, long seed, String apiVersion,
                       int settlementDelayDays, Map<String, Long> rows) throws SQLException {
        long nowMs = System.currentTimeMillis();
        long endMs = nowMs - 3_600_000L;
        long startMs = endMs - 365L * 86_400_000L;
        SplittableRandom random = new SplittableRandom(seed);
        ScaleIds ids = new ScaleIds(random);
        CopyRows customerRows = new CopyRows("customers", "id, merchant_id, livemode, email, email_lower, name, metadata, deleted, "
                + "created");
        CopyRows cardRows = new CopyRows("payment_methods", "id, merchant_id, livemode, type, customer_id, card_brand, card_last4, "
                + "card_exp_month, card_exp_year, card_funding, card_country, card_fingerprint, card_cvc_check, billing_details, "
                + "metadata, created");
        List<String> customerIds = new ArrayList<>();
        List<String> customerCards = new ArrayList<>();
        List<String> guestCards = new ArrayList<>();
        long signUpSpan = 30L * 86_400_000L;
        for (int c = 0; c < customers + 100; c++) {
            boolean guest = c >= customers;
            long created = startMs - signUpSpan + c * (signUpSpan / (customers + 100));
            String customerId = null;
            if (!guest) {
                customerId = ids.next("cus", created);
                customerRows.add(customerId).add(merchantId).add(false).add("Customer" + c + "@Example.com")
                        .add("customer" + c + "@example.com").add("Customer " + c).add("{}").add(false).add(created / 1000);
                customerIds.add(customerId);
            }
            String card = ids.next("pm", created + 500);
            cardRows.add(card).add(merchantId).add(false).add("card").add(customerId).add("visa").add("4242").add(12).add(2030)
                    .add("credit").add("US").add(ids.token(16)).add("pass").add("{}").add("{}").add((created + 500) / 1000);
            (guest ? guestCards : customerCards).add(card);
        }
        try (Connection connection = connect()) {
            rows.merge("customers", customerRows.copyTo(connection), Long::sum);
            rows.merge("payment_methods", cardRows.copyTo(connection), Long::sum);
            ScaleWorld.LedgerAccounts accounts = new ScaleWorld.LedgerAccounts(
                    account(connection, ids, "processor", connectorAccountId, "PROCESSOR_RECEIVABLE"),
                    account(connection, ids, "merchant", merchantId, "MERCHANT_PENDING"),
                    account(connection, ids, "merchant", merchantId, "MERCHANT_AVAILABLE"),
                    account(connection, ids, "platform", "paygate", "PLATFORM_FEE_REVENUE"));
            return new ScaleWorld(merchantId, connectorAccountId, List.copyOf(customerIds), List.copyOf(customerCards),
                    List.copyOf(guestCards), accounts, intents, startMs, endMs, nowMs, settlementDelayDays, apiVersion, seed);
        }
    }

    /** The ledger account's id, created as the server's LedgerStore would on first use. */
    private static String account(Connection connection, ScaleIds ids, String ownerType, String ownerId, String kind)
            throws SQLException {
        try (PreparedStatement find = connection.prepareStatement("select id from ledger_accounts where owner_type = ? and "
                + "owner_id = ? and livemode = false and currency = 'usd' and kind = ?")) {
            find.setString(1, ownerType);
            find.setString(2, ownerId);
            find.setString(3, kind);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        String id = ids.next("la", System.currentTimeMillis());
        try (PreparedStatement insert = connection.prepareStatement("insert into ledger_accounts (id, owner_type, owner_id, "
                + "livemode, currency, kind, created) values (?, ?, ?, false, 'usd', ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, ownerType);
            insert.setString(3, ownerId);
            insert.setString(4, kind);
            insert.setLong(5, System.currentTimeMillis() / 1000);
            insert.executeUpdate();
        }
        return id;
    }

    /** Generates and copies every intent's history; prints progress with rows per second. */
    Result load(ScaleWorld world, ScaleSample sample, Map<String, Long> rows) throws Exception {
        long started = System.nanoTime();
        LedgerTotals totals = new LedgerTotals();
        long batches = (world.intents() + batchSize - 1) / batchSize;
        AtomicLong nextBatch = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong copied = new AtomicLong(rows.values().stream().mapToLong(Long::longValue).sum());
        Map<String, Long> perTable = new TreeMap<>(rows);
        Map<String, Long> nanos = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    try (Connection connection = connect()) {
                        for (long b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                            long generating = System.nanoTime();
                            ScaleBatch batch = new ScaleBatch(world, journal, totals, sample, b);
                            batch.generate(b * batchSize, Math.min(world.intents(), (b + 1) * batchSize));
                            nanos.merge("(generating)", System.nanoTime() - generating, Long::sum);
                            Map<String, Long> counts = new TreeMap<>();
                            for (CopyRows table : batch.tables()) {
                                long copying = System.nanoTime();
                                counts.put(table.table(), table.copyTo(connection));
                                nanos.merge(table.table(), System.nanoTime() - copying, Long::sum);
                            }
                            synchronized (perTable) {
                                counts.forEach((t, n) -> perTable.merge(t, n, Long::sum));
                            }
                            long total = copied.addAndGet(counts.values().stream().mapToLong(Long::longValue).sum());
                            long finished = done.incrementAndGet();
                            if (finished % Math.max(1, batches / 20) == 0 || finished == batches) {
                                double seconds = (System.nanoTime() - started) / 1e9;
                                System.out.printf("loaded %d/%d batches, %,d rows in %.0f s (%,.0f rows/s)%n", finished, batches,
                                        total, seconds, total / seconds);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        try (Connection connection = connect()) {
            addTotals(connection, world.accounts().receivable(), totals.receivableDebits.sum(), totals.receivableCredits.sum());
            addTotals(connection, world.accounts().pending(), totals.pendingDebits.sum(), totals.pendingCredits.sum());
            addTotals(connection, world.accounts().available(), totals.availableDebits.sum(), totals.availableCredits.sum());
            addTotals(connection, world.accounts().revenue(), totals.revenueDebits.sum(), totals.revenueCredits.sum());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        StringBuilder spent = new StringBuilder("worker seconds:");
        nanos.forEach((what, n) -> spent.append(String.format(" %s %.1f", what, n / 1e9)));
        System.out.println(spent);
        long vacuumStarted = System.nanoTime();
        vacuumAnalyze();
        double vacuumSeconds = (System.nanoTime() - vacuumStarted) / 1e9;
        return new Result(Map.copyOf(perTable), seconds, vacuumSeconds, totals.available(), totals.pending());
    }

    private static void addTotals(Connection connection, String account, long debits, long credits) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update ledger_accounts set debits_posted = debits_posted + ?, "
                + "credits_posted = credits_posted + ? where id = ?")) {
            update.setLong(1, debits);
            update.setLong(2, credits);
            update.setString(3, account);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("ledger account " + account + " is missing");
            }
        }
    }

    /** Statistics for the planner and an up-to-date visibility map (index-only scans), as autovacuum would leave them. */
    void vacuumAnalyze() throws Exception {
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (String table : TABLES) {
                running.add(pool.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                         Statement s = connection.createStatement()) {
                        s.execute("vacuum (analyze) " + table);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
    }
}

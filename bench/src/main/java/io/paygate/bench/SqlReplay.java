package io.paygate.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;

/**
 * The database ceiling: the exact SQL one checkout ran (captured by Paygate with its diagnostics
 * flag), replayed over JDBC with the same transactions. Every object the checkout created gets a
 * fresh id on each replay, consistently in every statement and JSON text, so replays insert new
 * rows as real payments do; rows that already existed (merchant, accounts) are touched as they were.
 */
public final class SqlReplay {

    /** One captured step: a statement with parameters, or a transaction boundary on a connection. */
    public record Step(String kind, String connection, String sql, List<Object> params) {
    }

    private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z_])([a-z]{2,7})_([0-9a-z]{24})(?![0-9a-z])");
    private static final Pattern UUID_TEXT = Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    /**
     * The server spreads each ledger account's balance over this many slice rows (its
     * {@code LedgerStore.SLICES}) and gives each transaction in flight a slice no other one holds; a
     * replay takes its own the same way, or every replay would queue on the one slice the captured
     * checkout happened to use.
     */
    static final int LEDGER_SLICES = 32;

    private final List<Step> steps;
    private final Set<String> createdIds;

    private final long capturedAtMs;
    /** Each distinct captured text parameter, parsed once. */
    private final Map<String, Template> templates;
    /** Slices no replay in flight holds. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Integer> freeSlices = new java.util.concurrent.ConcurrentLinkedQueue<>(
            java.util.stream.IntStream.range(0, LEDGER_SLICES).boxed().toList());

    public SqlReplay(List<Step> steps) {
        this(steps, System.currentTimeMillis());
    }

    /** {@code capturedAtMs}: when the checkout ran, the reference its timestamps are shifted from. */
    public SqlReplay(List<Step> steps, long capturedAtMs) {
        this.steps = List.copyOf(steps);
        this.createdIds = createdIds(steps);
        this.capturedAtMs = capturedAtMs;
        this.templates = new HashMap<>();
        for (Step step : this.steps) {
            for (Object value : step.params()) {
                if (value instanceof String text) {
                    templates.computeIfAbsent(text, t -> Template.parse(t, createdIds));
                }
            }
        }
    }

    public static SqlReplay fromCapture(JsonNode capture) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode entry : capture.path("entries")) {
            List<Object> params = new ArrayList<>();
            for (JsonNode p : entry.path("params")) {
                params.add(p.isNull() ? null : p.isBoolean() ? (Object) p.asBoolean()
                        : p.isIntegralNumber() ? (Object) p.asLong() : p.asString());
            }
            steps.add(new Step(entry.path("kind").asString(), entry.path("connection").asString(),
                    entry.path("sql").isNull() ? null : entry.path("sql").asString(), params));
        }
        return new SqlReplay(steps);
    }

    /**
     * Most held writes the server sends in one statement (its {@code HoldingConnection.MAX_TOGETHER}):
     * a longer run of them is sent in several.
     */
    static final int MAX_HELD_TOGETHER = 64;

    /** Statements, a batch's rows and held writes counted one each. */
    public int statementCount() {
        return (int) steps.stream().filter(s -> isStatement(s.kind())).count();
    }

    private static boolean isStatement(String kind) {
        return kind.equals("statement") || kind.equals("batch") || kind.equals("held") || kind.equals("held-query");
    }

    /**
     * Trips to the database: one per statement, one per batch, one per run of held writes sent
     * together, one per commit or rollback.
     */
    public int roundTrips() {
        int trips = 0;
        for (int index = 0; index < steps.size(); index++) {
            if (!steps.get(index).kind().equals("begin")) {
                trips++;
            }
            index += group(index).size() - 1;
        }
        return trips;
    }

    /**
     * The steps sent together from {@code index}: the rows of one batch (consecutive batch steps of
     * one statement on one connection), or consecutive held writes of one connection with the query
     * sent after them, if any; else the step alone.
     */
    private List<Step> group(int index) {
        Step first = steps.get(index);
        List<Step> group = new ArrayList<>(List.of(first));
        while (index + 1 < steps.size() && (sameBatch(first, steps.get(index + 1))
                || (first.kind().equals("held") && group.getLast().kind().equals("held") && group.size() < MAX_HELD_TOGETHER
                && sameHeld(first, steps.get(index + 1))))) {
            group.add(steps.get(++index));
        }
        return group;
    }

    public int transactionCount() {
        return (int) steps.stream().filter(s -> s.kind().equals("commit")).count();
    }

    public Set<String> createdIds() {
        return createdIds;
    }

    /** Ids the checkout created: the first parameter of each insert, when it is a Paygate id. */
    static Set<String> createdIds(List<Step> steps) {
        Set<String> ids = new LinkedHashSet<>();
        for (Step step : steps) {
            if (isStatement(step.kind()) && step.sql().trim().toLowerCase(java.util.Locale.ROOT).startsWith("insert")
                    && !step.params().isEmpty() && step.params().getFirst() instanceof String first && ID.matcher(first).matches()) {
                ids.add(first);
            }
        }
        return Set.copyOf(ids);
    }

    /** Runs the captured SQL once, with fresh ids, on connections from {@code pool}. */
    public void runOnce(DataSource pool) throws SQLException {
        Map<String, String> renamed = new HashMap<>();
        Map<String, Connection> open = new HashMap<>();
        Integer held = freeSlices.poll();
        long slice = held != null ? held : java.util.concurrent.ThreadLocalRandom.current().nextInt(LEDGER_SLICES);
        try {
            for (int index = 0; index < steps.size(); index++) {
                Step step = steps.get(index);
                switch (step.kind()) {
                    case "begin" -> {
                        Connection connection = pool.getConnection();
                        connection.setAutoCommit(false);
                        open.put(step.connection(), connection);
                    }
                    case "commit", "rollback" -> {
                        Connection connection = open.remove(step.connection());
                        if (connection != null) {
                            if (step.kind().equals("commit")) {
                                connection.commit();
                            } else {
                                connection.rollback();
                            }
                            connection.setAutoCommit(true);
                            connection.close();
                        }
                    }
                    case "statement", "batch", "held", "held-query" -> {
                        List<Step> group = group(index);
                        index += group.size() - 1;
                        Connection connection = open.get(step.connection());
                        if (connection != null) {
                            execute(connection, group, renamed, slice);
                        } else {
                            try (Connection single = pool.getConnection()) {
                                execute(single, group, renamed, slice);
                            }
                        }
                    }
                    default -> throw new IllegalStateException("unknown capture step " + step.kind());
                }
            }
        } finally {
            for (Connection connection : open.values()) {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.close();
            }
            if (held != null) {
                freeSlices.add(held);
            }
        }
    }

    private static boolean sameBatch(Step first, Step next) {
        return first.kind().equals("batch") && next.kind().equals("batch") && next.connection().equals(first.connection())
                && next.sql().equals(first.sql());
    }

    private static boolean sameHeld(Step first, Step next) {
        return (next.kind().equals("held") || next.kind().equals("held-query")) && next.connection().equals(first.connection());
    }

    /**
     * The rows of one batch sent as a batch; otherwise the group's statements (one, or held writes
     * with the query after them if any) sent as the server sends them, as one statement holding them
     * all (PostgreSQL runs them in one round trip), every result read.
     */
    private void execute(Connection connection, List<Step> group, Map<String, String> renamed, long slice) throws SQLException {
        Step first = group.getFirst();
        if (first.kind().equals("batch")) {
            boolean sliceUpdate = isSliceUpdate(first.sql());
            try (PreparedStatement statement = connection.prepareStatement(first.sql())) {
                for (Step step : group) {
                    bind(statement, 0, step, renamed, slice, sliceUpdate);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return;
        }
        String sql = String.join(";\n", group.stream().map(Step::sql).toList());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int offset = 0;
            for (Step step : group) {
                bind(statement, offset, step, renamed, slice, isSliceUpdate(step.sql()));
                offset += step.params().size();
            }
            boolean rows = statement.execute();
            while (rows || statement.getUpdateCount() != -1) {
                if (rows) {
                    try (ResultSet result = statement.getResultSet()) {
                        while (result.next()) {
                            result.getObject(1);
                        }
                    }
                }
                rows = statement.getMoreResults();
            }
        }
    }

    /** Binds {@code step}'s parameters to the statement's parameters after the first {@code offset}. */
    private void bind(PreparedStatement statement, int offset, Step step, Map<String, String> renamed, long slice,
                      boolean sliceUpdate) throws SQLException {
        for (int i = 0; i < step.params().size(); i++) {
            Object value = step.params().get(i);
            int index = offset + i + 1;
            if (sliceUpdate && i == step.params().size() - 1) {
                statement.setLong(index, slice);
            } else if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof String text) {
                statement.setString(index, templates.get(text).render(renamed, this));
            } else if (value instanceof Long number) {
                statement.setLong(index, shiftTime(number, System.currentTimeMillis()));
            } else {
                statement.setObject(index, value);
            }
        }
    }

    /** An update of a ledger balance slice: its last parameter is the slice. */
    static boolean isSliceUpdate(String sql) {
        String text = sql.trim().toLowerCase(java.util.Locale.ROOT);
        return text.startsWith("update ledger_balance_slices") && text.endsWith("slice = ?");
    }

    /**
     * Moves a captured point in time (epoch milliseconds or seconds within a day of the capture) to
     * the same distance from {@code nowMs}: a replay writes rows as if issued now, so a deadline the
     * checkout set (when to chase an unanswered charge, when a simulated payment completes) lies as
     * far ahead as it did, instead of in the past where the server's background jobs would act on
     * the replay's half-written payments. Other numbers (amounts, counts) are far from these ranges.
     */
    long shiftTime(long value, long nowMs) {
        long day = 86_400_000L;
        if (Math.abs(value - capturedAtMs) <= day) {
            return value + (nowMs - capturedAtMs);
        }
        if (Math.abs(value - capturedAtMs / 1000) <= day / 1000) {
            return value + (nowMs - capturedAtMs) / 1000;
        }
        return value;
    }

    /** Replaces created ids and UUIDs (idempotency keys) inside a text with this replay's fresh ones. */
    String rename(String text, Map<String, String> renamed) {
        return Template.parse(text, createdIds).render(renamed, this);
    }

    /**
     * A captured text with the spans each replay replaces (created ids, and UUIDs), found once when
     * the capture is loaded: a replay then only splices its fresh values in, so the load tool's own
     * CPU per replay stays small next to the database's.
     */
    record Template(String text, List<Span> spans) {

        /** A span to replace: a created id with its prefix, or a UUID ({@code prefix} null). */
        record Span(int start, int end, String prefix) {
        }

        static Template parse(String text, Set<String> createdIds) {
            java.util.TreeMap<Integer, Span> spans = new java.util.TreeMap<>();
            Matcher ids = ID.matcher(text);
            while (ids.find()) {
                if (createdIds.contains(ids.group())) {
                    spans.put(ids.start(), new Span(ids.start(), ids.end(), ids.group(1)));
                }
            }
            Matcher uuids = UUID_TEXT.matcher(text);
            while (uuids.find()) {
                spans.putIfAbsent(uuids.start(), new Span(uuids.start(), uuids.end(), null));
            }
            return new Template(text, List.copyOf(spans.values()));
        }

        String render(Map<String, String> renamed, SqlReplay replay) {
            if (spans.isEmpty()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length() + 8);
            int at = 0;
            for (Span span : spans) {
                out.append(text, at, span.start());
                out.append(renamed.computeIfAbsent(text.substring(span.start(), span.end()),
                        k -> span.prefix() == null ? UUID.randomUUID().toString() : replay.freshId(span.prefix())));
                at = span.end();
            }
            return out.append(text, at, text.length()).toString();
        }
    }

    String freshId(String prefix) {
        char[] out = new char[24];
        long millis = System.currentTimeMillis();
        for (int i = 8; i >= 0; i--) {
            out[i] = BASE36[(int) (millis % 36)];
            millis /= 36;
        }
        for (int i = 9; i < 24; i++) {
            out[i] = BASE36[java.util.concurrent.ThreadLocalRandom.current().nextInt(36)];
        }
        return prefix + "_" + new String(out);
    }

    Set<String> tablesWritten() {
        Set<String> tables = new HashSet<>();
        Pattern into = Pattern.compile("(?i)\\b(?:insert into|update)\\s+([a-z_]+)");
        for (Step step : steps) {
            if (step.sql() != null) {
                Matcher m = into.matcher(step.sql());
                if (m.find()) {
                    tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return tables;
    }
}

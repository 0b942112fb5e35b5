package io.paygate.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explains a captured statement with its parameters bound and names what in its plan would not
 * scale: a sequential (table) scan of a table that grows with traffic, or an index walked from end
 * to end because the query does not constrain its leading column. On PostgreSQL the plan is made
 * with {@code enable_seqscan = off}, so a remaining {@code Seq Scan} means no index could serve the
 * query; on H2, {@code tableScan} marks the same. Test data is small, so only whether an index can
 * serve is checked, not which one the planner prefers.
 */
public final class QueryPlans {

    /**
     * Tables that stay small whatever the traffic: per-merchant configuration and the platform's own
     * accounts, a few rows per merchant, read by primary or unique key on every request anyway.
     */
    public static final Set<String> SMALL_TABLES = Set.of(
            "merchants",            // one row per merchant
            "api_keys",             // a handful per merchant, looked up by the unique key hash
            "connector_accounts",   // a few processors per merchant
            "merchant_pricing",     // fee schedule rows per merchant
            "merchant_settlement",  // one row per merchant
            "sim_webhook_endpoints", // one per simulator account
            "flyway_schema_history");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** An equality on a reference column ({@code payment_intent_id = …}) in a PostgreSQL filter or index condition. */
    private static final Pattern REFERENCE_EQUALITY = Pattern.compile("\\(?\\b([a-z_]+_id)\\)?(?:::[a-z ]+)? = ");
    /** A column compared through lower(): no portable index serves it, so each row is checked in turn. */
    private static final Pattern LOWERED = Pattern.compile("lower\\(\\(?([a-z_]+)\\)?(?:::[a-z ]+)?\\)");
    private static final Pattern H2_ACCESS = Pattern.compile("\"PUBLIC\"\\.\"([A-Z0-9_]+)\"[^/]*?/\\* ([^*]*?) \\*/");

    private final DataSource dataSource;
    private final boolean postgres;
    private final Map<String, String[]> indexes = new HashMap<>();
    private final Map<String, List<List<String>>> tableIndexes = new HashMap<>();

    public QueryPlans(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** A captured SELECT: its SQL and its parameters as the capture recorded them. */
    public record Captured(String sql, JsonNode params) {
    }

    /**
     * One statement's plan: how it reaches each table ({@code accesses}, so a test can tell that the
     * plan was understood at all), what is wrong with it (empty when nothing), and the plan itself.
     */
    public record Verdict(List<String> accesses, List<String> problems, String plan) {
    }

    public Verdict check(Captured statement) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return postgres ? postgres(connection, statement) : h2(connection, statement);
        }
    }

    private Verdict postgres(Connection connection, Captured statement) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("set local enable_seqscan = off");
            }
            String text = explain(connection, "explain (format json) ", statement);
            List<String> accesses = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            walk(connection, JSON.readTree(text).get(0).path("Plan"), accesses, problems);
            return new Verdict(accesses, problems, text);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * The indexes a statement's <em>generic</em> plan reads, on PostgreSQL: the plan a server-prepared
     * statement keeps once the driver prepares it, made without looking at the parameters and, on a
     * table without statistics, without knowing how many rows share a merchant. On H2, the indexes of
     * its plan for the bound parameters.
     */
    public List<String> genericPlanIndexes(Captured statement) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!postgres) {
                List<String> names = new ArrayList<>();
                Matcher access = H2_ACCESS.matcher(explain(connection, "explain ", statement));
                while (access.find()) {
                    names.add(access.group(2));
                }
                return names;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("set local plan_cache_mode = force_generic_plan");
                s.execute("prepare plan_check as " + numbered(statement.sql()));
                List<String> literals = new ArrayList<>();
                for (JsonNode p : statement.params()) {
                    literals.add(p.isNull() ? "null" : p.isBoolean() || p.isNumber() ? p.asString()
                            : "'" + p.asString().replace("'", "''") + "'");
                }
                List<String> names = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("explain (format json) execute plan_check"
                        + (literals.isEmpty() ? "" : "(" + String.join(", ", literals) + ")"))) {
                    rs.next();
                    collectIndexes(JSON.readTree(rs.getString(1)).get(0).path("Plan"), names);
                }
                s.execute("deallocate plan_check");
                return names;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void collectIndexes(JsonNode node, List<String> names) {
        if (node.has("Index Name")) {
            names.add(node.path("Index Name").asString());
        }
        for (JsonNode child : node.path("Plans")) {
            collectIndexes(child, names);
        }
    }

    /** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2, …}, outside quoted text. */
    static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '?' && !quoted) {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void walk(Connection connection, JsonNode node, List<String> accesses, List<String> problems) throws SQLException {
        String type = node.path("Node Type").asString();
        String relation = node.path("Relation Name").asString(null);
        String indexName = node.path("Index Name").asString(null);
        if (type.equals("Seq Scan") && relation != null) {
            accesses.add(relation + " by sequential scan");
            if (!SMALL_TABLES.contains(relation)) {
                problems.add("sequential scan of " + relation);
            }
        }
        if (indexName != null) {
            String[] index = index(connection, indexName);
            accesses.add(index[0] + " by " + type + " using " + indexName);
            String cond = node.path("Index Cond").asString("");
            if (!SMALL_TABLES.contains(index[0])) {
                if (cond.isEmpty()) {
                    problems.add("whole index " + indexName + " of " + index[0] + " walked (no index condition)");
                } else if (!Pattern.compile("\\b" + index[1] + "\\b").matcher(cond).find()) {
                    problems.add("index " + indexName + " of " + index[0] + " used without its leading column " + index[1]
                            + " (" + cond + ")");
                }
            }
        }
        if (relation != null && !SMALL_TABLES.contains(relation)) {
            unindexedReferences(node, relation, indexColumns(connection, relation), problems);
        }
        for (JsonNode child : node.path("Plans")) {
            walk(connection, child, accesses, problems);
        }
    }

    /**
     * A reference such as {@code payment_intent_id = ?} checked row by row while walking a wider index
     * (the merchant's rows, say) is a scan that grows with the merchant: such lookups need an index
     * that starts with the reference, or with the merchant scope and then the reference. The merchant
     * itself is the exception; every index leads with it. When such an index exists and the plan
     * still walks another, the two cost the same on test-sized tables (one row expected either way)
     * and the planner's pick between them says nothing about a large table, so only a reference that
     * no index serves is reported.
     */
    private static void unindexedReferences(JsonNode node, String relation, List<List<String>> indexes,
                                            List<String> problems) {
        String filter = node.path("Filter").asString("");
        String conditions = node.path("Index Cond").asString("") + node.path("Recheck Cond").asString("");
        Matcher reference = REFERENCE_EQUALITY.matcher(filter);
        while (reference.find()) {
            String column = reference.group(1);
            if (!column.equals("merchant_id") && !Pattern.compile("\\b" + column + "\\b").matcher(conditions).find()
                    && indexes.stream().noneMatch(columns -> serves(columns, column))) {
                problems.add(relation + " rows filtered one by one on " + column + " (no index serves it)");
            }
        }
        Matcher lowered = LOWERED.matcher(filter);
        while (lowered.find()) {
            problems.add(relation + " rows filtered one by one on lower(" + lowered.group(1) + ")");
        }
    }

    /** Whether an index with these key columns finds rows by {@code column}: it leads, or only the merchant scope comes first. */
    static boolean serves(List<String> columns, String column) {
        for (String c : columns) {
            if (c.equals(column)) {
                return true;
            }
            if (!c.equals("merchant_id") && !c.equals("livemode")) {
                return false;
            }
        }
        return false;
    }

    /** The key columns of each index on a table, in order, from the catalog. */
    private List<List<String>> indexColumns(Connection connection, String table) throws SQLException {
        List<List<String>> known = tableIndexes.get(table);
        if (known != null) {
            return known;
        }
        List<List<String>> found = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                select x.indexrelid, a.attname from pg_index x
                join pg_class t on t.oid = x.indrelid
                join lateral unnest(x.indkey) with ordinality as k(attnum, position) on true
                join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
                where t.relname = ? and t.relnamespace = (select oid from pg_namespace where nspname = current_schema())
                order by x.indexrelid, k.position""")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                long current = -1;
                while (rs.next()) {
                    if (rs.getLong(1) != current) {
                        current = rs.getLong(1);
                        found.add(new ArrayList<>());
                    }
                    found.getLast().add(rs.getString(2));
                }
            }
        }
        tableIndexes.put(table, found);
        return found;
    }

    /** The table and leading column of an index, from the catalog. */
    private String[] index(Connection connection, String name) throws SQLException {
        String[] known = indexes.get(name);
        if (known != null) {
            return known;
        }
        try (PreparedStatement s = connection.prepareStatement("""
                select t.relname, a.attname from pg_class i join pg_index x on x.indexrelid = i.oid
                join pg_class t on t.oid = x.indrelid
                join pg_attribute a on a.attrelid = x.indrelid and a.attnum = x.indkey[0]
                where i.relname = ? and i.relnamespace = (select oid from pg_namespace where nspname = current_schema())""")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("index " + name + " is not in the catalog");
                }
                String[] found = {rs.getString(1), rs.getString(2)};
                indexes.put(name, found);
                return found;
            }
        }
    }

    private static Verdict h2(Connection connection, Captured statement) throws SQLException {
        String plan = explain(connection, "explain ", statement);
        List<String> accesses = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Matcher access = H2_ACCESS.matcher(plan);
        while (access.find()) {
            String table = access.group(1).toLowerCase(Locale.ROOT);
            String how = access.group(2);
            accesses.add(table + " by " + how);
            if (SMALL_TABLES.contains(table)) {
                continue;
            }
            if (how.endsWith(".tableScan")) {
                problems.add("table scan of " + table);
            } else if (!how.contains(":")) {
                problems.add("whole index " + how + " of " + table + " walked (no index condition)");
            }
        }
        return new Verdict(accesses, problems, plan);
    }

    private static String explain(Connection connection, String prefix, Captured statement) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(prefix + statement.sql())) {
            int i = 1;
            for (JsonNode p : statement.params()) {
                if (p.isNull()) {
                    s.setNull(i, Types.NULL);
                } else if (p.isBoolean()) {
                    s.setBoolean(i, p.asBoolean());
                } else if (p.isIntegralNumber()) {
                    s.setLong(i, p.asLong());
                } else {
                    s.setString(i, p.asString());
                }
                i++;
            }
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            return out.toString().trim();
        }
    }
}

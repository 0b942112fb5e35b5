package io.paygate.bench.scale;

import io.paygate.bench.PaygateTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plans of an endpoint's SQL at full size: one request is sent with SQL capture on, and each
 * SELECT it ran is executed again under {@code EXPLAIN (ANALYZE, FORMAT JSON)} with its parameters.
 * A sequential scan that reads more than a page of rows from a table that grows with traffic (the
 * planner rightly scans a table that is still tiny, such as one merchant's ledger accounts), or a
 * sort of more than a page of rows, is reported as a problem.
 */
final class ScalePlans {

    /** What one endpoint's statements did: the scans and sorts in their plans, the slowest execution, problems. */
    record EndpointPlan(String endpoint, List<String> steps, double maxExecutionMs, List<String> problems) {
    }

    static final Set<String> LARGE_TABLES = Set.of("payment_intents", "charges", "refunds", "disputes", "events",
            "balance_transactions", "journal_entries", "postings", "pending_transfers", "ledger_accounts", "customers",
            "payment_methods", "metadata_entries", "webhook_deliveries", "webhook_attempts", "idempotency_keys");
    private static final int PAGE_ROWS = 101;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PaygateTarget paygate;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ScalePlans(PaygateTarget paygate, String adminToken) {
        this.paygate = paygate;
        this.adminToken = adminToken;
    }

    EndpointPlan explain(Connection connection, String endpoint, String path, String key) throws SQLException {
        String requestId = capturedGet(path, key);
        PaygateTarget.Answer capture = paygate.get("/v1/diagnostics/sql_capture/" + requestId, adminToken);
        if (capture.status() != 200) {
            throw new IllegalStateException("no SQL capture for " + path + ": " + capture.body());
        }
        List<String> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        double maxMs = 0;
        for (JsonNode entry : PaygateTarget.json(capture).path("entries")) {
            String sql = entry.path("sql").asString("");
            String kind = entry.path("kind").asString();
            if (!(kind.equals("statement") || kind.equals("held-query")) || !sql.trim().toLowerCase(Locale.ROOT).startsWith("select")) {
                continue;
            }
            JsonNode plan = explainAnalyze(connection, sql, entry.path("params"));
            maxMs = Math.max(maxMs, plan.path("Execution Time").asDouble());
            walk(plan.path("Plan"), steps, problems);
        }
        return new EndpointPlan(endpoint, steps, maxMs, problems);
    }

    private static JsonNode explainAnalyze(Connection connection, String sql, JsonNode params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("explain (analyze, format json) " + sql)) {
            int i = 1;
            for (JsonNode p : params) {
                if (p.isNull()) {
                    statement.setNull(i, Types.VARCHAR);
                } else if (p.isBoolean()) {
                    statement.setBoolean(i, p.asBoolean());
                } else if (p.isIntegralNumber()) {
                    statement.setLong(i, p.asLong());
                } else {
                    statement.setString(i, p.asString());
                }
                i++;
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return JSON.readTree(rs.getString(1)).get(0);
            }
        }
    }

    private static void walk(JsonNode node, List<String> steps, List<String> problems) {
        String type = node.path("Node Type").asString();
        String relation = node.path("Relation Name").asString(null);
        if (relation != null) {
            String index = node.path("Index Name").asString(null);
            String step = type + (index == null ? "" : " using " + index) + " on " + relation + " (" + node.path("Actual Rows").asLong()
                    + " rows)";
            steps.add(step);
            long scanned = node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong();
            if (type.equals("Seq Scan") && LARGE_TABLES.contains(relation) && scanned > PAGE_ROWS) {
                problems.add(step);
            }
        } else if (type.equals("Sort")) {
            long input = node.path("Plans").path(0).path("Actual Rows").asLong();
            String step = "Sort of " + input + " rows";
            steps.add(step);
            if (input > PAGE_ROWS) {
                problems.add(step);
            }
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, steps, problems);
        }
    }

    private String capturedGet(String path, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(paygate.baseUrl() + path)).GET()
                .header("Authorization", "Bearer " + key).header("Paygate-Capture-Sql", "true")
                .timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.headers().firstValue("Request-Id").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

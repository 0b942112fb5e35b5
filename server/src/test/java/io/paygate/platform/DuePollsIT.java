package io.paygate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.platform.observability.SqlCapture;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestDatabase;
import io.paygate.support.TestMerchant;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The background workers' "what is due" polls run every second or so against tables where almost
 * every row is finished, its due time null. Their index must be entered at the first due row, not
 * walked through every finished one: H2 sorts nulls first, so a bare {@code due_ms <= ?} reads all
 * of them on each poll. Each poll here runs after a few hundred finished payments, and the rows its
 * plan touched (H2's scan count, PostgreSQL's rows read) must not grow with them.
 */
@TestPropertySource(properties = "paygate.diagnostics.sql-capture=true")
class DuePollsIT extends PaygateIT {

    private static final int FINISHED_PAYMENTS = 300;
    /** Repository bean, poll method: every poll for due work over a column that is null once done. */
    private static final List<String[]> POLLS = List.of(
            new String[] {"chargeRepository", "due"},
            new String[] {"refundRepository", "due"},
            new String[] {"disputeRepository", "due"},
            new String[] {"processorOperationRepository", "due"},
            new String[] {"inboundWebhookRepository", "lockDue"},
            new String[] {"simPaymentRepository", "due"},
            new String[] {"simPaymentRepository", "disputesDue"},
            new String[] {"simRefundRepository", "due"},
            new String[] {"simDisputeRepository", "due"},
            new String[] {"simWebhookDeliveryRepository", "lockDue"});
    private static final Pattern H2_SCANS = Pattern.compile("scanCount: (\\d+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private DataSource dataSource;
    @Autowired
    private SqlCapture capture;
    @Autowired
    private ApplicationContext context;

    @Test
    void pollsForDueWorkDoNotReadFinishedRows() throws Exception {
        TestMerchant merchant = newMerchant();
        for (int i = 0; i < FINISHED_PAYMENTS; i++) {
            var paid = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1500", "currency", "usd",
                    "payment_method", "pm_card_visa", "confirm", "true");
            assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        }
        List<String> failures = new ArrayList<>();
        for (String[] poll : POLLS) {
            List<SqlCapture.Entry> statements = run(poll[0], poll[1]);
            assertThat(statements).as("SQL captured for %s.%s", poll[0], poll[1]).isNotEmpty();
            for (SqlCapture.Entry statement : statements) {
                long touched = rowsTouched(statement);
                if (touched > 50) {
                    failures.add(poll[0] + "." + poll[1] + " touched " + touched + " rows: " + statement.sql());
                }
            }
        }
        assertThat(failures).as("polls on %s that read finished rows (%d payments made)", TestDatabase.name(),
                FINISHED_PAYMENTS).isEmpty();
    }

    /** Calls the poll on its repository with the time now and a small limit, recording its SQL. */
    private List<SqlCapture.Entry> run(String bean, String methodName) throws Exception {
        Object repository = context.getBean(bean);
        Method method = null;
        for (Method candidate : AopUtils.getTargetClass(repository).getDeclaredMethods()) {
            if (candidate.getName().equals(methodName)) {
                method = candidate;
            }
        }
        assertThat(method).as(bean + "." + methodName).isNotNull();
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = types[i] == long.class ? System.currentTimeMillis()
                    : types[i] == int.class ? 10
                    : types[i].isEnum() ? types[i].getEnumConstants()[0]
                    : null;
        }
        String key = "due-polls-" + UUID.randomUUID();
        MDC.put(SqlCapture.KEY, key);
        try {
            ReflectionUtils.makeAccessible(method);
            method.invoke(repository, args);
        } finally {
            MDC.remove(SqlCapture.KEY);
        }
        List<SqlCapture.Entry> entries = capture.entries(key);
        return entries == null ? List.of()
                : entries.stream().filter(e -> (e.kind().equals("statement") || e.kind().equals("held-query")) && e.sql().trim().toLowerCase(java.util.Locale.ROOT).startsWith("select"))
                        .toList();
    }

    /** The rows the statement's plan read, with its captured parameters bound. */
    private long rowsTouched(SqlCapture.Entry statement) throws Exception {
        String explain = TestDatabase.isPostgres() ? "explain (analyze, format json) " : "explain analyze ";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(explain + statement.sql())) {
            for (int i = 0; i < statement.params().size(); i++) {
                ps.setObject(i + 1, statement.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                StringBuilder plan = new StringBuilder();
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
                return TestDatabase.isPostgres() ? postgresRows(JSON.readTree(plan.toString()).get(0).path("Plan"))
                        : h2Scans(plan.toString());
            }
        }
    }

    private static long h2Scans(String plan) {
        long total = 0;
        Matcher m = H2_SCANS.matcher(plan);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    /** Rows every scan node produced plus those its filters threw away, over the whole plan tree. */
    private static long postgresRows(JsonNode node) {
        long total = 0;
        String type = node.path("Node Type").asString("");
        if (type.contains("Scan")) {
            long loops = Math.max(1, node.path("Actual Loops").asLong(1));
            total += (node.path("Actual Rows").asLong(0) + node.path("Rows Removed by Filter").asLong(0)
                    + node.path("Rows Removed by Index Recheck").asLong(0)) * loops;
        }
        for (JsonNode child : node.path("Plans")) {
            total += postgresRows(child);
        }
        return total;
    }
}

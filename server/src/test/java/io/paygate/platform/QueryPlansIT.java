package io.paygate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.QueryPlans;
import io.paygate.support.TestDatabase;
import io.paygate.support.TestMerchant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every API read path's SQL, captured from real requests and explained with its parameters: no
 * sequential scan of a table that grows with traffic, and no index walked whole, on PostgreSQL
 * (planned with {@code enable_seqscan = off}) and on H2. A read that fails here would slow down
 * with every payment: give it an index (a new migration) or change its query.
 */
@TestPropertySource(properties = "paygate.diagnostics.sql-capture=true")
class QueryPlansIT extends PaygateIT {

    @Autowired
    private DataSource dataSource;

    @Test
    void everyApiReadIsServedByAnIndex() throws Exception {
        TestMerchant merchant = newMerchant();
        String key = merchant.secretKey();
        Map<String, String> ids = history(merchant);
        long now = Instant.now().getEpochSecond();

        List<String> reads = List.of(
                "/v1/payment_intents?limit=10",
                "/v1/payment_intents?limit=10&" + q("created[gte]") + "=" + (now - 3600) + "&" + q("created[lt]") + "=" + (now + 60),
                "/v1/payment_intents?limit=10&customer=" + ids.get("cus"),
                "/v1/payment_intents?limit=10&starting_after=" + ids.get("pi"),
                "/v1/payment_intents?limit=10&ending_before=" + ids.get("pi"),
                "/v1/payment_intents/search?query=" + q("metadata['order_id']:'" + ids.get("order") + "'"),
                "/v1/payment_intents/search?query=" + q("customer:'" + ids.get("cus") + "'"),
                "/v1/payment_intents/" + ids.get("pi"),
                "/v1/payment_intents/" + ids.get("pi") + "?" + q("expand[]") + "=latest_charge&" + q("expand[]") + "=customer&"
                        + q("expand[]") + "=payment_method",
                "/v1/charges?limit=10",
                "/v1/charges?payment_intent=" + ids.get("pi"),
                "/v1/charges?customer=" + ids.get("cus"),
                "/v1/charges/" + ids.get("ch"),
                "/v1/refunds?limit=10",
                "/v1/refunds?payment_intent=" + ids.get("pi"),
                "/v1/refunds?charge=" + ids.get("ch"),
                "/v1/refunds/" + ids.get("re"),
                "/v1/disputes?limit=10",
                "/v1/disputes?payment_intent=" + ids.get("pi"),
                "/v1/disputes?charge=" + ids.get("ch"),
                "/v1/balance",
                "/v1/balance_transactions?limit=10",
                "/v1/balance_transactions?type=charge",
                "/v1/balance_transactions?source=" + ids.get("ch"),
                "/v1/balance_transactions/" + ids.get("txn"),
                "/v1/events?limit=10",
                "/v1/events?type=charge.succeeded",
                "/v1/events?type=" + q("payment_intent.*"),
                "/v1/events?limit=10&starting_after=" + ids.get("evt"),
                "/v1/events/" + ids.get("evt"),
                "/v1/customers?limit=10",
                "/v1/customers?email=" + q(ids.get("email")),
                "/v1/customers/search?query=" + q("metadata['segment']:'gold'"),
                "/v1/customers/search?query=" + q("email:'" + ids.get("email").toUpperCase(Locale.ROOT) + "'"),
                "/v1/customers/" + ids.get("cus"),
                "/v1/payment_methods?type=card&customer=" + ids.get("cus"),
                "/v1/customers/" + ids.get("cus") + "/payment_methods",
                "/v1/payment_methods/" + ids.get("pm"),
                "/v1/webhook_endpoints",
                "/v1/webhook_endpoints/" + ids.get("we"),
                "/v1/webhook_endpoints/" + ids.get("we") + "/deliveries");

        QueryPlans plans = new QueryPlans(dataSource, TestDatabase.isPostgres());
        List<String> failures = new ArrayList<>();
        int explained = 0;
        for (String path : reads) {
            Set<QueryPlans.Captured> selects = capturedSelects(path, key);
            assertThat(selects).as("SELECTs captured for " + path).isNotEmpty();
            List<String> accesses = new ArrayList<>();
            for (QueryPlans.Captured select : selects) {
                QueryPlans.Verdict verdict = plans.check(select);
                explained++;
                accesses.addAll(verdict.accesses());
                if (!verdict.problems().isEmpty()) {
                    failures.add("GET " + path + "\n  " + select.sql() + "\n  params " + select.params() + "\n  "
                            + verdict.problems() + "\n  plan: " + verdict.plan().replace("\n", "\n        "));
                }
            }
            assertThat(accesses).as("tables read by GET %s, as the plans show them", path)
                    .anyMatch(a -> !QueryPlans.SMALL_TABLES.contains(a.substring(0, a.indexOf(' '))));
        }
        assertThat(api.get("/v1/customers/search?query=" + q("email:'" + ids.get("email").toUpperCase(Locale.ROOT) + "'"), key)
                .json().path("data")).as("search by email ignores case").hasSize(1);
        assertThat(failures).as("reads on %s whose plans scan a large table (%d statements explained)", TestDatabase.name(),
                explained).isEmpty();
    }

    /**
     * Every lookup by id, on the payment path and the API's retrieves and updates, reads the primary
     * key also in the plan PostgreSQL caches for a prepared statement (its generic plan), which is made
     * without the parameters and here, as on any database before its first ANALYZE, without
     * statistics. With the owner in the WHERE clause as well, that plan walked a (merchant_id,
     * livemode, …) index: one row per payment the merchant ever took, for every confirmation. The
     * same holds for the updates by id that follow a payment (the card's security-code verdict).
     */
    @Test
    void lookupsByIdReadThePrimaryKeyInTheCachedPlan() throws Exception {
        TestMerchant merchant = newMerchant();
        String key = merchant.secretKey();
        Map<String, String> ids = history(merchant);
        Map<String, String> capture = Map.of("Paygate-Capture-Sql", "true");
        List<HttpApi.Response> requests = new ArrayList<>();
        requests.add(api.post("/v1/payment_intents", key, capture, "amount", "1500", "currency", "usd",
                "customer", ids.get("cus"), "payment_method", ids.get("pm"), "confirm", "true"));
        String pi = ok(api.post("/v1/payment_intents", key, "amount", "900", "currency", "usd", "capture_method", "manual"))
                .text("id");
        requests.add(api.post("/v1/payment_intents/" + pi + "/confirm", key, capture, "payment_method", "pm_card_visa"));
        requests.add(api.post("/v1/payment_intents/" + pi + "/capture", key, capture, "amount_to_capture", "400"));
        requests.add(api.post("/v1/refunds", key, capture, "payment_intent", pi, "amount", "100"));
        requests.add(api.post("/v1/customers/" + ids.get("cus"), key, capture, "name", "Plan Checker II"));
        requests.add(api.post("/v1/payment_methods/" + ids.get("pm"), key, capture, "metadata[checked]", "yes"));
        for (String path : List.of("/v1/payment_intents/" + ids.get("pi"), "/v1/charges/" + ids.get("ch"),
                "/v1/refunds/" + ids.get("re"), "/v1/balance_transactions/" + ids.get("txn"), "/v1/events/" + ids.get("evt"),
                "/v1/customers/" + ids.get("cus"), "/v1/payment_methods/" + ids.get("pm"),
                "/v1/webhook_endpoints/" + ids.get("we"))) {
            requests.add(api.send("GET", path, key, capture, null, null));
        }
        QueryPlans plans = new QueryPlans(dataSource, TestDatabase.isPostgres());
        Set<String> ownerLed = ownerLedIndexes();
        Pattern byId = Pattern.compile("(?i)\\bwhere (?:[a-z]+\\.)?id = \\?");
        List<String> failures = new ArrayList<>();
        Set<String> tables = new TreeSet<>();
        List<String> checked = new ArrayList<>();
        for (HttpApi.Response response : requests) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            for (QueryPlans.Captured statement : captured(response, "select", "update")) {
                if (!byId.matcher(statement.sql()).find()) {
                    continue;
                }
                Matcher table = Pattern.compile("(?i)\\b(?:from|update)\\s+([a-z_]+)").matcher(statement.sql());
                assertThat(table.find()).as(statement.sql()).isTrue();
                tables.add(table.group(1));
                checked.add(statement.sql());
                List<String> indexes = plans.genericPlanIndexes(statement);
                // A lookup joined to other rows (an intent's charges, a charge's intent) reads the
                // named table's primary key and no index that the owner leads.
                boolean joined = statement.sql().toLowerCase(Locale.ROOT).contains(" join ");
                boolean primary = joined
                        ? indexes.stream().anyMatch(name -> isPrimaryKey(name, table.group(1)))
                          && indexes.stream().noneMatch(name -> ownerLed.contains(name.toLowerCase(Locale.ROOT)))
                        : !indexes.isEmpty() && indexes.stream().allMatch(name -> isPrimaryKey(name, table.group(1)));
                if (!primary) {
                    failures.add(statement.sql() + "\n  params " + statement.params() + "\n  indexes " + indexes);
                }
            }
        }
        assertThat(tables).as("tables looked up by id").contains("payment_intents", "payment_methods", "charges",
                "customers", "refunds", "events", "balance_transactions", "webhook_endpoints");
        assertThat(checked).as("the processor answer's lookup of a charge with its intent")
                .anyMatch(sql -> sql.contains("join payment_intents"));
        assertThat(failures).as("lookups by id whose cached plan on %s reads another index", TestDatabase.name()).isEmpty();
    }

    private static boolean isPrimaryKey(String index, String table) {
        return TestDatabase.isPostgres() ? index.equals(table + "_pkey") : index.contains("PRIMARY_KEY");
    }

    /** Names (lower case) of the indexes whose first column is {@code merchant_id}, from the database's catalog. */
    private Set<String> ownerLedIndexes() throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String table : List.of("payment_intents", "charges", "payment_methods", "refunds")) {
                String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                try (ResultSet rs = meta.getIndexInfo(null, null, name, false, true)) {
                    while (rs.next()) {
                        if (rs.getShort("ORDINAL_POSITION") == 1 && "merchant_id".equalsIgnoreCase(rs.getString("COLUMN_NAME"))) {
                            out.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        assertThat(out).as("indexes led by the owner").contains("payment_intents_by_merchant", "charges_by_merchant");
        return out;
    }

    /** The statements of the given kinds a request captured (it was sent with {@code Paygate-Capture-Sql}). */
    private Set<QueryPlans.Captured> captured(HttpApi.Response response, String... kinds) {
        HttpApi.Response capture = api.get("/v1/diagnostics/sql_capture/" + response.header("Request-Id"), ADMIN_TOKEN);
        assertThat(capture.status()).as(capture.toString()).isEqualTo(200);
        Set<QueryPlans.Captured> statements = new LinkedHashSet<>();
        for (JsonNode entry : capture.json().path("entries")) {
            String sql = entry.path("sql").asString("").trim();
            if (java.util.List.of("statement", "held-query").contains(entry.path("kind").asString())
                    && Arrays.stream(kinds).anyMatch(kind -> sql.toLowerCase(Locale.ROOT).startsWith(kind))) {
                statements.add(new QueryPlans.Captured(sql, entry.path("params")));
            }
        }
        return statements;
    }

    /** A small history through the API: customers, cards, payments (one refunded), a webhook endpoint. */
    private Map<String, String> history(TestMerchant merchant) {
        String key = merchant.secretKey();
        Map<String, String> ids = new LinkedHashMap<>();
        String email = "plans-" + UUID.randomUUID() + "@shop.test";
        ids.put("email", email);
        ids.put("cus", ok(api.post("/v1/customers", key, "email", email, "name", "Plan Checker", "metadata[segment]", "gold"))
                .text("id"));
        api.post("/v1/customers", key, "email", "other@shop.test");
        String pm = ok(api.post("/v1/payment_methods", key, "type", "card", "card[number]", "4242424242424242",
                "card[exp_month]", "12", "card[exp_year]", "2040")).text("id");
        ok(api.post("/v1/payment_methods/" + pm + "/attach", key, "customer", ids.get("cus")));
        ids.put("pm", pm);
        String order = "order-" + UUID.randomUUID();
        ids.put("order", order);
        for (int i = 0; i < 3; i++) {
            HttpApi.Response paid = ok(api.post("/v1/payment_intents", key, Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                    "amount", String.valueOf(1000 + i), "currency", "usd", "customer", ids.get("cus"), "payment_method", pm,
                    "confirm", "true", "metadata[order_id]", i == 1 ? order : "order-" + UUID.randomUUID()));
            if (i == 1) {
                ids.put("pi", paid.text("id"));
                ids.put("ch", paid.text("latest_charge"));
            }
        }
        ok(api.post("/v1/payment_intents", key, "amount", "700", "currency", "usd", "payment_method", "pm_card_chargeDeclined",
                "confirm", "true"), 402);
        ids.put("re", ok(api.post("/v1/refunds", key, "payment_intent", ids.get("pi"), "amount", "100")).text("id"));
        ids.put("txn", api.get("/v1/balance_transactions", key, "limit", "1").json().path("data").get(0).path("id").asString());
        ids.put("evt", api.get("/v1/events", key, "limit", "3").json().path("data").get(2).path("id").asString());
        ids.put("we", ok(api.post("/v1/webhook_endpoints", key, "url", "http://127.0.0.1:9/hooks", "enabled_events[]", "*"))
                .text("id"));
        return ids;
    }

    /** Sends the read with SQL capture on and returns the distinct SELECTs it ran. */
    private Set<QueryPlans.Captured> capturedSelects(String path, String key) {
        HttpApi.Response response = api.send("GET", path, key, Map.of("Paygate-Capture-Sql", "true"), null, null);
        assertThat(response.status()).as("GET " + path + ": " + response).isEqualTo(200);
        return captured(response, "select");
    }

    private static HttpApi.Response ok(HttpApi.Response response) {
        return ok(response, 200);
    }

    private static HttpApi.Response ok(HttpApi.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

package io.paygate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The SQL capture diagnostics the benchmark's database baseline is built on. */
@TestPropertySource(properties = "paygate.diagnostics.sql-capture=true")
class SqlCaptureIT extends PaygateIT {

    @Test
    void aCapturedCheckoutRecordsItsStatementsTransactionsAndTheSimulatorsWork() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response checkout = api.post("/v1/payment_intents", merchant.secretKey(),
                Map.of("Paygate-Capture-Sql", "true", "Idempotency-Key", java.util.UUID.randomUUID().toString()),
                "amount", "1999", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true");
        assertThat(checkout.status()).isEqualTo(200);
        String intent = checkout.text("id");

        HttpApi.Response capture = api.get("/v1/diagnostics/sql_capture/" + checkout.header("Request-Id"), ADMIN_TOKEN);
        assertThat(capture.status()).isEqualTo(200);
        List<String> statements = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        boolean intentInserted = false;
        for (JsonNode entry : capture.json().path("entries")) {
            kinds.add(entry.path("kind").asString());
            if (List.of("statement", "batch", "held").contains(entry.path("kind").asString())) {
                String sql = entry.path("sql").asString().toLowerCase();
                statements.add(sql);
                intentInserted |= sql.startsWith("insert into payment_intents")
                        && entry.path("params").toString().contains(intent);
            }
        }
        assertThat(intentInserted).as("the intent's insert, with its id as a parameter").isTrue();
        assertThat(kinds).contains("begin", "commit");
        // On PostgreSQL the writes a transaction holds go together, and are recorded one entry each;
        // on the embedded database they run one by one, as plain statements.
        if (io.paygate.support.TestDatabase.isPostgres()) {
            assertThat(kinds).contains("held");
        }
        assertThat(statements).anyMatch(sql -> sql.startsWith("insert into postings"));
        // The in-process simulator's own bookkeeping, done while the checkout waited for it, is attributed to the checkout.
        assertThat(statements).anyMatch(sql -> sql.contains("sim_"));
        assertThat(statements).anyMatch(sql -> sql.contains("ledger_"));
    }

    @Test
    void aCheckoutsIdempotencyKeyIsCompletedByTheTransactionThatRecordsTheProcessorsAnswer() {
        TestMerchant merchant = newMerchant();
        for (String card : List.of("pm_card_visa", "pm_card_chargeDeclined")) {
            String key = java.util.UUID.randomUUID().toString();
            HttpApi.Response checkout = api.post("/v1/payment_intents", merchant.secretKey(),
                    Map.of("Paygate-Capture-Sql", "true", "Idempotency-Key", key),
                    "amount", "1999", "currency", "usd", "payment_method", card, "confirm", "true",
                    "expand[]", "latest_charge");
            assertThat(checkout.status()).as(checkout.toString()).isEqualTo(card.equals("pm_card_visa") ? 200 : 402);

            // Each connection's transactions, in order: the statements between a begin and its commit.
            Map<String, List<String>> open = new java.util.HashMap<>();
            List<List<String>> committed = new ArrayList<>();
            List<String> outside = new ArrayList<>();
            for (JsonNode entry : api.get("/v1/diagnostics/sql_capture/" + checkout.header("Request-Id"), ADMIN_TOKEN)
                    .json().path("entries")) {
                String connection = entry.path("connection").asString();
                switch (entry.path("kind").asString()) {
                    case "begin" -> open.put(connection, new ArrayList<>());
                    case "commit" -> committed.add(open.remove(connection));
                    case "rollback" -> open.remove(connection);
                    default -> {
                        String sql = entry.path("sql").asString().toLowerCase().replaceAll("\\s+", " ");
                        List<String> tx = open.get(connection);
                        (tx == null ? outside : tx).add(sql);
                    }
                }
            }
            assertThat(outside).as(card + ": statements run outside a transaction")
                    .noneMatch(sql -> sql.contains("idempotency_keys"));
            List<List<String>> completing = committed.stream()
                    .filter(tx -> tx.stream().anyMatch(sql -> sql.startsWith("update idempotency_keys set completed = true")))
                    .toList();
            assertThat(completing).as(card + ": the transaction that completes the key").hasSize(1);
            assertThat(completing.getFirst()).as(card + ": it records the processor's answer")
                    .anyMatch(sql -> sql.startsWith("update charges"))
                    .anyMatch(sql -> sql.startsWith("insert into events"));

            // The answer stored with the key is the one the request got, expanded charge or decline included.
            HttpApi.Response replay = api.post("/v1/payment_intents", merchant.secretKey(), Map.of("Idempotency-Key", key),
                    "amount", "1999", "currency", "usd", "payment_method", card, "confirm", "true",
                    "expand[]", "latest_charge");
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replay.status()).isEqualTo(checkout.status());
            assertThat(replay.json()).isEqualTo(checkout.json());
        }
    }

    @Test
    void requestsWithoutTheHeaderAreNotRecordedAndTheEndpointIsAdminOnly() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response plain = api.post("/v1/payment_intents", merchant.secretKey(),
                "amount", "500", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true");
        assertThat(plain.status()).isEqualTo(200);
        HttpApi.Response missing = api.get("/v1/diagnostics/sql_capture/" + plain.header("Request-Id"), ADMIN_TOKEN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.get("/v1/diagnostics/sql_capture/" + plain.header("Request-Id"), merchant.secretKey()).status())
                .isIn(401, 403);
    }
}

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
            if (entry.path("kind").asString().equals("statement") || entry.path("kind").asString().equals("batch")) {
                String sql = entry.path("sql").asString().toLowerCase();
                statements.add(sql);
                intentInserted |= sql.startsWith("insert into payment_intents")
                        && entry.path("params").toString().contains(intent);
            }
        }
        assertThat(intentInserted).as("the intent's insert, with its id as a parameter").isTrue();
        assertThat(kinds).contains("begin", "commit");
        // A journal entry's postings are written as one batch, and recorded as its rows.
        assertThat(kinds).contains("batch");
        // The in-process simulator's own bookkeeping, done while the checkout waited for it, is attributed to the checkout.
        assertThat(statements).anyMatch(sql -> sql.contains("sim_"));
        assertThat(statements).anyMatch(sql -> sql.contains("ledger_"));
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

package io.paygate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent payments of one merchant spread their balance changes over the slices of its
 * accounts, and the balance, the balance transactions and the audit still agree to the unit.
 */
class LedgerSlicesIT extends PaygateIT {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void concurrentPaymentsSpreadOverSlicesAndStillAddUp() throws Exception {
        TestMerchant merchant = newMerchant();
        int payments = 48;
        List<Future<HttpApi.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < payments; i++) {
                long amount = 1000 + i;
                answers.add(pool.submit(() -> api.post("/v1/payment_intents", merchant.secretKey(), "amount",
                        String.valueOf(amount), "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true")));
            }
        }
        for (Future<HttpApi.Response> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(200);
            assertThat(answer.get().text("status")).isEqualTo("succeeded");
        }

        long net = 0;
        JsonNode transactions = api.get("/v1/balance_transactions", merchant.secretKey(), "limit", "100").json().path("data");
        assertThat(transactions).hasSize(payments);
        for (JsonNode t : transactions) {
            net += t.path("net").asLong();
        }
        JsonNode balance = api.get("/v1/balance", merchant.secretKey()).json();
        long pending = 0;
        for (JsonNode b : balance.path("pending")) {
            pending += b.path("amount").asLong();
        }
        long available = 0;
        for (JsonNode b : balance.path("available")) {
            available += b.path("amount").asLong();
        }
        assertThat(pending + available).as("balance against its balance transactions").isEqualTo(net);

        int slices = jdbc.sql("""
                        select count(distinct s.slice) from ledger_balance_slices s
                        join ledger_accounts a on a.id = s.account_id where a.owner_id = ?""")
                .param(merchant.id()).query(Integer.class).single();
        assertThat(slices).as("slices the merchant's payments wrote to").isGreaterThan(1).isLessThanOrEqualTo(LedgerStore.SLICES);

        HttpApi.Response audit = api.get("/v1/ledger/audit", ADMIN_TOKEN);
        assertThat(audit.json().path("ok").asBoolean()).as("ledger audit " + audit.body()).isTrue();
    }
}

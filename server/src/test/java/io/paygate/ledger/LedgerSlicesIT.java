package io.paygate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent payments of one merchant spread their balance changes over the slices of its
 * accounts, and the balance, the balance transactions and the audit still agree to the unit.
 */
class LedgerSlicesIT extends PaygateIT {

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private LedgerStore store;
    @Autowired
    private PlatformTransactionManager transactions;

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

    /**
     * Transactions of one node in flight at the same time hold different slices, so none waits on
     * another's balance row: 16 movements on the same two accounts, each holding its transaction open
     * until all have made their change, end up in 16 different slices, one amount in each. (Slices
     * picked at random would put two of them in one slice of 32 almost every time.)
     */
    @Test
    void transactionsInFlightTogetherHoldDifferentSlices() throws Exception {
        TestMerchant merchant = newMerchant();
        String debit = store.account(merchant.id(), false, "usd", AccountKind.PROCESSOR_RECEIVABLE);
        String credit = store.account(merchant.id(), false, "usd", AccountKind.MERCHANT_PENDING);
        int together = 16;
        CountDownLatch changed = new CountDownLatch(together);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        List<Future<?>> done = new ArrayList<>();
        Set<Long> amounts = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(together)) {
            for (int i = 0; i < together; i++) {
                long amount = 100 + i;
                amounts.add(amount);
                done.add(pool.submit(() -> tx.executeWithoutResult(status -> {
                    JournalEntry.Builder movement = new JournalEntry.Builder().transfer(debit, credit, "usd", amount);
                    store.post(new JournalEntry("je_slices_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                            merchant.id(), false, "test", "src_" + amount, "slices", movement.postings(), 0));
                    changed.countDown();
                    try {
                        assertThat(changed.await(30, TimeUnit.SECONDS)).as("all movements made their change").isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })));
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        List<Long> perSlice = jdbc.sql("select debits_posted from ledger_balance_slices where account_id = ? and debits_posted <> 0")
                .param(debit).query(Long.class).list();
        assertThat(perSlice).as("the debited account's slices, one movement each").hasSize(together)
                .containsExactlyInAnyOrderElementsOf(amounts);
    }
}

package io.paygate.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.PaygateIT;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keys older than the retention period (24 hours) are pruned; younger ones stay. */
class IdempotencyPrunerIT extends PaygateIT {

    @Autowired
    IdempotencyPruner pruner;

    @Autowired
    JdbcClient jdbc;

    @Test
    void prunesOnlyExpiredKeys() {
        String merchant = "acct_prune_" + UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis();
        insert(merchant, "old", now - 25L * 3600 * 1000);
        insert(merchant, "young", now - 23L * 3600 * 1000);
        assertThat(pruner.pruneNow()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select idem_key from idempotency_keys where merchant_id = ?").param(merchant)
                .query(String.class).list()).containsExactly("young");
    }

    private void insert(String merchant, String key, long createdMs) {
        jdbc.sql("""
                insert into idempotency_keys (merchant_id, livemode, idem_key, request_method, request_path,
                    params_fingerprint, completed, created_ms, locked_until_ms) values (?, false, ?, 'POST', '/v1/x', 'f', true, ?, ?)""")
                .params(merchant, key, createdMs, createdMs).update();
    }
}

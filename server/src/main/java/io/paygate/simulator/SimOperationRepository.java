package io.paygate.simulator;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code sim_operations}: the idempotency keys of captures and voids, so that a repeated
 * operation answers the payment's current state instead of being applied again or refused.
 */
@Repository
class SimOperationRepository {

    private final JdbcClient jdbc;

    SimOperationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} when the key was already used. */
    void insert(String accountId, String idempotencyKey, String paymentId, String operation, Long amount, long now) {
        jdbc.sql("insert into sim_operations (account_id, idem_key, payment_id, operation, amount, created_ms) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(accountId, idempotencyKey, paymentId, operation, amount, now)
                .update();
    }

    /** The payment an earlier operation with this key applied to. */
    Optional<String> paymentIdFor(String accountId, String idempotencyKey) {
        return jdbc.sql("select payment_id from sim_operations where account_id = ? and idem_key = ?")
                .params(accountId, idempotencyKey).query(String.class).optional();
    }
}

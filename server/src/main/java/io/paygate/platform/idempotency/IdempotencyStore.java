package io.paygate.platform.idempotency;

import io.paygate.platform.db.HeldWrites;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency keys and their stored responses, in the same database as everything else. */
@Repository
class IdempotencyStore {

    record Key(String merchantId, boolean livemode, String value) {
    }

    record Entry(String method, String path, String fingerprint, String requestId, boolean completed,
                 int responseStatus, String responseBody, long lockedUntil, String recoveryObject) {
    }

    private final JdbcClient jdbc;
    private final HeldWrites writes;

    IdempotencyStore(JdbcClient jdbc, HeldWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * Claims the key for a request that is about to run (its answer not known yet), naming the object
     * it created when the claim is written in the transaction that created it ({@code null} otherwise).
     */
    boolean tryInsert(Key key, String method, String path, String fingerprint, String requestId, long now, long lockedUntil,
                      String recoveryObject) {
        return insert(key, method, path, fingerprint, requestId, false, null, null, now, lockedUntil, recoveryObject);
    }

    /** Stores the answer of a request that ran without claiming the key first. */
    boolean tryInsertCompleted(Key key, String method, String path, String fingerprint, String requestId, long now,
                               int status, String body) {
        return insert(key, method, path, fingerprint, requestId, true, status, body, now, now, null);
    }

    private boolean insert(Key key, String method, String path, String fingerprint, String requestId, boolean completed,
                           Integer status, String body, long now, long lockedUntil, String recoveryObject) {
        try {
            jdbc.sql("""
                    insert into idempotency_keys (merchant_id, livemode, idem_key, request_method, request_path,
                        params_fingerprint, request_id, completed, response_status, response_body, created_ms,
                        locked_until_ms, recovery_object)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(key.merchantId(), key.livemode(), key.value(), method, path, fingerprint, requestId, completed,
                            status, body, now, lockedUntil, recoveryObject)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Names the object a request that already holds the key created. */
    void setRecoveryObject(Key key, String objectId) {
        writes.update("""
                update idempotency_keys set recovery_object = ?
                where merchant_id = ? and livemode = ? and idem_key = ? and completed = false""",
                objectId, key.merchantId(), key.livemode(), key.value());
    }

    Optional<Entry> find(Key key) {
        return jdbc.sql("""
                select request_method, request_path, params_fingerprint, request_id, completed, response_status,
                       response_body, locked_until_ms, recovery_object
                from idempotency_keys where merchant_id = ? and livemode = ? and idem_key = ?""")
                .params(key.merchantId(), key.livemode(), key.value())
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getInt(6), rs.getString(7), rs.getLong(8), rs.getString(9)))
                .optional();
    }

    boolean takeOver(Key key, long expectedLockedUntil, long newLockedUntil, String requestId) {
        return jdbc.sql("""
                update idempotency_keys set locked_until_ms = ?, request_id = ?
                where merchant_id = ? and livemode = ? and idem_key = ? and completed = false and locked_until_ms = ?""")
                .params(newLockedUntil, requestId, key.merchantId(), key.livemode(), key.value(), expectedLockedUntil)
                .update() == 1;
    }

    void complete(Key key, int status, String body) {
        writes.update("""
                update idempotency_keys set completed = true, response_status = ?, response_body = ?
                where merchant_id = ? and livemode = ? and idem_key = ?""",
                status, body, key.merchantId(), key.livemode(), key.value());
    }

    /** Oldest first: the order makes the age index the plan's way in even before the table has statistics. */
    int deleteCreatedBefore(long cutoffMillis, int batch) {
        return jdbc.sql("""
                delete from idempotency_keys where (merchant_id, livemode, idem_key) in (
                    select merchant_id, livemode, idem_key from idempotency_keys where created_ms < ? order by created_ms limit ?)""")
                .params(cutoffMillis, batch)
                .update();
    }
}

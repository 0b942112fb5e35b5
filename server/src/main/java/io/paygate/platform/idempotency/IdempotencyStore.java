package io.paygate.platform.idempotency;

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
                 int responseStatus, String responseBody, long lockedUntil) {
    }

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean tryInsert(Key key, String method, String path, String fingerprint, String requestId, long now, long lockedUntil) {
        try {
            jdbc.sql("""
                    insert into idempotency_keys (merchant_id, livemode, idem_key, request_method, request_path,
                        params_fingerprint, request_id, completed, created_ms, locked_until_ms)
                    values (?, ?, ?, ?, ?, ?, ?, false, ?, ?)""")
                    .params(key.merchantId(), key.livemode(), key.value(), method, path, fingerprint, requestId, now, lockedUntil)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Entry> find(Key key) {
        return jdbc.sql("""
                select request_method, request_path, params_fingerprint, request_id, completed, response_status,
                       response_body, locked_until_ms
                from idempotency_keys where merchant_id = ? and livemode = ? and idem_key = ?""")
                .params(key.merchantId(), key.livemode(), key.value())
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getInt(6), rs.getString(7), rs.getLong(8)))
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
        jdbc.sql("""
                update idempotency_keys set completed = true, response_status = ?, response_body = ?
                where merchant_id = ? and livemode = ? and idem_key = ?""")
                .params(status, body, key.merchantId(), key.livemode(), key.value())
                .update();
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

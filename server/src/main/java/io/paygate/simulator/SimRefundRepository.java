package io.paygate.simulator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code sim_refunds}. Every change of state is a compare-and-set on the current status. */
@Repository
class SimRefundRepository {

    private static final String COLUMNS = "id, account_id, idem_key, payment_id, payment_key, amount, currency, reason, "
            + "status, planned_status, failure_code, failure_message, resolve_at_ms, created_ms, updated_ms";

    private final JdbcClient jdbc;

    SimRefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new row; throws {@link org.springframework.dao.DuplicateKeyException} if the key is taken. */
    void insert(SimRefund r) {
        SimRefund.Failure f = r.failure();
        jdbc.sql("insert into sim_refunds (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.accountId(), r.idempotencyKey(), r.paymentId(), r.paymentKey(), r.amount(),
                        r.currency(), r.reason(), r.status().wireName(),
                        r.plannedStatus() == null ? null : r.plannedStatus().wireName(),
                        f == null ? null : f.code(), f == null ? null : f.message(), r.resolveAtMs(), r.createdMs(),
                        r.updatedMs())
                .update();
    }

    /** Moves the row to {@code next}'s state if it is still in {@code expected}; false when someone moved it first. */
    boolean compareAndSet(SimRefund next, SimRefundStatus expected) {
        SimRefund.Failure f = next.failure();
        return jdbc.sql("""
                        update sim_refunds set status = ?, planned_status = ?, failure_code = ?, failure_message = ?,
                            resolve_at_ms = ?, updated_ms = ?
                        where id = ? and status = ?""")
                .params(next.status().wireName(), next.plannedStatus() == null ? null : next.plannedStatus().wireName(),
                        f == null ? null : f.code(), f == null ? null : f.message(), next.resolveAtMs(),
                        next.updatedMs(), next.id(), expected.wireName())
                .update() == 1;
    }

    Optional<SimRefund> findByKey(String accountId, String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from sim_refunds where account_id = ? and idem_key = ?")
                .params(accountId, idempotencyKey).query(SimRefundRepository::map).optional();
    }

    Optional<SimRefund> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from sim_refunds where id = ?")
                .params(id).query(SimRefundRepository::map).optional();
    }

    /** The account's refunds, newest first, optionally of one payment (by its idempotency key). */
    List<SimRefund> list(String accountId, String paymentKey, int limit) {
        String where = paymentKey == null ? "account_id = ?" : "account_id = ? and payment_key = ?";
        Object[] params = paymentKey == null ? new Object[] {accountId} : new Object[] {accountId, paymentKey};
        return jdbc.sql("select " + COLUMNS + " from sim_refunds where " + where + " order by id desc fetch first "
                        + limit + " rows only")
                .params(params).query(SimRefundRepository::map).list();
    }

    /** Refunds due to move at or before {@code dueAtMs}, oldest first. */
    List<SimRefund> due(long dueAtMs, int limit) {
        return jdbc.sql("select " + COLUMNS + " from sim_refunds where resolve_at_ms between 0 and ? "
                        + "order by resolve_at_ms fetch first " + limit + " rows only")
                .params(dueAtMs).query(SimRefundRepository::map).list();
    }

    private static SimRefund map(ResultSet rs, int row) throws SQLException {
        String failureCode = rs.getString("failure_code");
        SimRefund.Failure failure = failureCode == null ? null
                : new SimRefund.Failure(failureCode, rs.getString("failure_message"));
        String planned = rs.getString("planned_status");
        long resolveAt = rs.getLong("resolve_at_ms");
        Long resolveAtMs = rs.wasNull() ? null : resolveAt;
        return new SimRefund(rs.getString("id"), rs.getString("account_id"), rs.getString("idem_key"),
                rs.getString("payment_id"), rs.getString("payment_key"), rs.getLong("amount"), rs.getString("currency"),
                rs.getString("reason"), SimRefundStatus.fromWire(rs.getString("status")),
                planned == null ? null : SimRefundStatus.fromWire(planned), failure, resolveAtMs,
                rs.getLong("created_ms"), rs.getLong("updated_ms"));
    }
}

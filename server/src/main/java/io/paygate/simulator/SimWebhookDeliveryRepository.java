package io.paygate.simulator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code sim_webhook_deliveries}, the simulator's outbox. Senders take rows up with
 * {@code for update skip locked}, so several never send one row at once; the attempt count taken up
 * with is the fencing token of every later change, so a sender whose lease ran out cannot overwrite
 * what the next one recorded.
 */
@Repository
class SimWebhookDeliveryRepository {

    private static final String COLUMNS = "id, account_id, type, payload, status, attempts, next_attempt_ms, last_error, "
            + "created, updated_ms";

    private final JdbcClient jdbc;

    SimWebhookDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SimWebhookDelivery d) {
        jdbc.sql("insert into sim_webhook_deliveries (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.id(), d.accountId(), d.type(), d.payload(), d.status().wireName(), d.attempts(),
                        d.nextAttemptMs(), d.lastError(), d.created(), d.updatedMs())
                .update();
    }

    /** Due rows, oldest due first, locked for the caller's transaction; rows another sender holds are skipped. */
    List<SimWebhookDelivery> lockDue(long nowMs, int limit) {
        return jdbc.sql("select " + COLUMNS + " from sim_webhook_deliveries where next_attempt_ms between 0 and ? "
                        + "order by next_attempt_ms limit ? for update skip locked")
                .params(nowMs, limit).query(SimWebhookDeliveryRepository::map).list();
    }

    /** Takes the row up for one attempt until {@code leaseUntilMs}; returns the attempt's number. */
    int lease(SimWebhookDelivery d, long leaseUntilMs, long nowMs) {
        jdbc.sql("update sim_webhook_deliveries set status = ?, attempts = ?, next_attempt_ms = ?, updated_ms = ? where id = ?")
                .params(SimDeliveryStatus.SENDING.wireName(), d.attempts() + 1, leaseUntilMs, nowMs, d.id())
                .update();
        return d.attempts() + 1;
    }

    /** Leaves the row pending until {@code nextAttemptMs} without counting an attempt (no endpoint to send to). */
    void postpone(String id, long nextAttemptMs, long nowMs) {
        jdbc.sql("update sim_webhook_deliveries set status = ?, next_attempt_ms = ?, updated_ms = ? where id = ?")
                .params(SimDeliveryStatus.PENDING.wireName(), nextAttemptMs, nowMs, id)
                .update();
    }

    /**
     * Records how attempt {@code attempt} ended, unless the row was taken up again since (the lease ran
     * out); returns false then.
     */
    boolean finish(String id, int attempt, SimDeliveryStatus status, Long nextAttemptMs, String lastError, long nowMs) {
        return jdbc.sql("""
                        update sim_webhook_deliveries set status = ?, next_attempt_ms = ?, last_error = ?, updated_ms = ?
                        where id = ? and attempts = ? and status = ?""")
                .params(status.wireName(), nextAttemptMs, lastError, nowMs, id, attempt, SimDeliveryStatus.SENDING.wireName())
                .update() == 1;
    }

    /** Makes the account's waiting events due now: it has just registered an endpoint. */
    void dueNow(String accountId, long nowMs) {
        jdbc.sql("update sim_webhook_deliveries set next_attempt_ms = ?, updated_ms = ? where account_id = ? and status = ?")
                .params(nowMs, nowMs, accountId, SimDeliveryStatus.PENDING.wireName())
                .update();
    }

    /** The account's events, newest first. */
    List<SimWebhookDelivery> list(String accountId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from sim_webhook_deliveries where account_id = ? order by id desc limit ?")
                .params(accountId, limit).query(SimWebhookDeliveryRepository::map).list();
    }

    private static SimWebhookDelivery map(ResultSet rs, int row) throws SQLException {
        long next = rs.getLong("next_attempt_ms");
        Long nextAttemptMs = rs.wasNull() ? null : next;
        return new SimWebhookDelivery(rs.getString("id"), rs.getString("account_id"), rs.getString("type"),
                rs.getString("payload"), SimDeliveryStatus.fromWire(rs.getString("status")), rs.getInt("attempts"),
                nextAttemptMs, rs.getString("last_error"), rs.getLong("created"), rs.getLong("updated_ms"));
    }
}

package io.paygate.webhook;

import io.paygate.platform.db.HeldWrites;
import io.paygate.platform.db.InList;
import io.paygate.platform.db.Where;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeliveryRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, endpoint_id, event_id, event_type, status, attempts, "
            + "next_attempt_ms, last_attempt_ms, last_response_status, created_ms, completed_ms";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final HeldWrites writes;

    DeliveryRepository(JdbcClient jdbc, JdbcTemplate batch, HeldWrites writes) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.writes = writes;
    }

    /**
     * A delivery to queue: one event for one endpoint, due at {@code dueMs}: now for the poll to send,
     * or the end of a lease when the node queuing it sends it itself once the transaction commits (a
     * node that dies first leaves it to any node's poll when the lease ends).
     */
    record NewDelivery(String id, String merchantId, boolean livemode, String endpointId, String eventId, String eventType,
                       long dueMs) {
    }

    /** Queues deliveries, held with the transaction's other writes (one batch outside a transaction). */
    void insertAll(List<NewDelivery> queued, long nowMs) {
        writes.batch("insert into webhook_deliveries (id, merchant_id, livemode, endpoint_id, event_id, event_type, status, "
                        + "attempts, next_attempt_ms, created_ms) values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                queued.stream().map(d -> new Object[] {d.id(), d.merchantId(), d.livemode(), d.endpointId(), d.eventId(),
                        d.eventType(), d.dueMs(), nowMs}).toList());
    }

    /**
     * Due deliveries, locked with {@code for update skip locked} so that nodes claiming at the same
     * time get different rows; includes deliveries whose sender died (lease expired). Call inside a
     * transaction and mark the rows before it commits.
     */
    List<Delivery> lockDue(long nowMs, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from webhook_deliveries
                where (status = 'pending' and next_attempt_ms <= ?) or (status = 'sending' and lease_until_ms < ?)
                order by next_attempt_ms limit ? for update skip locked""")
                .params(nowMs, nowMs, limit)
                .query(this::map)
                .list();
    }

    /** Marks claimed deliveries as being sent by this node until {@code leaseUntilMs}, in one statement. */
    void markSending(List<String> ids, long leaseUntilMs) {
        if (ids.isEmpty()) {
            return;
        }
        InList in = InList.of(ids);
        jdbc.sql("update webhook_deliveries set status = 'sending', lease_until_ms = ? where id in (" + in.placeholders() + ")")
                .params(in.after(leaseUntilMs))
                .update();
    }

    /**
     * An attempt to record with the state its delivery moves to; {@code heldAs} is the status the
     * delivery had while this node held it ({@code sending} when claimed by a poll, {@code pending}
     * when queued by this node under a lease).
     */
    record AttemptRecord(String deliveryId, String heldAs, Delivery.Attempt attempt, String status, Long nextAttemptMs,
                         long nowMs) {
    }

    /**
     * Records attempts and moves their deliveries on, one batch for the deliveries and one for the
     * attempts; a delivery no longer held as it was when the attempt began (its lease expired and
     * another node took it, or it was moved on meanwhile) is left as it is. Returns, per record,
     * whether it was recorded.
     */
    boolean[] recordAttempts(List<AttemptRecord> records) {
        int[] updated = batch.batchUpdate("""
                update webhook_deliveries set status = ?, attempts = ?, next_attempt_ms = ?, lease_until_ms = null,
                    last_attempt_ms = ?, last_response_status = ?, completed_ms = ?
                where id = ? and status = ? and attempts = ?""", records.stream().map(r -> new Object[] {r.status(),
                r.attempt().attempt(), r.nextAttemptMs(), r.attempt().startedMs(), r.attempt().responseStatus(),
                r.status().equals(Delivery.SUCCEEDED) || r.status().equals(Delivery.DEAD) ? r.nowMs() : null,
                r.deliveryId(), r.heldAs(), r.attempt().attempt() - 1}).toList());
        boolean[] recorded = new boolean[records.size()];
        List<Object[]> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            recorded[i] = updated[i] == 1;
            if (recorded[i]) {
                AttemptRecord r = records.get(i);
                Delivery.Attempt a = r.attempt();
                attempts.add(new Object[] {r.deliveryId(), a.attempt(), a.node(), a.startedMs(), a.latencyMs(),
                        a.responseStatus(), a.responseBody(), a.error()});
            }
        }
        if (!attempts.isEmpty()) {
            batch.batchUpdate("""
                    insert into webhook_attempts (delivery_id, attempt, node, started_ms, latency_ms, response_status,
                        response_body, error) values (?, ?, ?, ?, ?, ?, ?, ?)""", attempts);
        }
        return recorded;
    }

    /**
     * Puts a delivery (typically a dead one) back in the queue for an attempt now; not one being sent
     * (claimed by a pass, or queued under a lease by its node and not yet attempted).
     */
    boolean requeue(String id, long nowMs) {
        return jdbc.sql("update webhook_deliveries set status = 'pending', next_attempt_ms = ?, completed_ms = null "
                        + "where id = ? and (status in ('dead', 'succeeded') "
                        + "or status = 'pending' and not (attempts = 0 and next_attempt_ms > ?))")
                .params(nowMs, id, nowMs).update() == 1;
    }

    int requeueDead(String endpointId, long nowMs) {
        return jdbc.sql("update webhook_deliveries set status = 'pending', next_attempt_ms = ?, completed_ms = null "
                        + "where endpoint_id = ? and status = 'dead'")
                .params(nowMs, endpointId).update();
    }

    /** Stops sending to a disabled or deleted endpoint: its waiting deliveries are dead. */
    void killPending(String endpointId, long nowMs) {
        jdbc.sql("update webhook_deliveries set status = 'dead', completed_ms = ? where endpoint_id = ? and status = 'pending'")
                .params(nowMs, endpointId).update();
    }

    Optional<Delivery> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where id = ?").param(id).query(this::map).optional();
    }

    List<Delivery.Attempt> attempts(String deliveryId) {
        return jdbc.sql("""
                select attempt, node, started_ms, latency_ms, response_status, response_body, error
                from webhook_attempts where delivery_id = ? order by attempt""")
                .param(deliveryId)
                .query((rs, n) -> new Delivery.Attempt(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5, Integer.class), rs.getString(6), rs.getString(7)))
                .list();
    }

    Page<Delivery> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from webhook_deliveries", "id", where, page, this::map);
    }

    long countPending() {
        return jdbc.sql("select count(*) from webhook_deliveries where status in ('pending', 'sending')").query(Long.class).single();
    }

    Long oldestPendingCreatedMs(long nowMs) {
        return jdbc.sql("select min(created_ms) from webhook_deliveries where status = 'pending' and next_attempt_ms <= ?")
                .param(nowMs).query(Long.class).optional().orElse(null);
    }

    private Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"), rs.getString("endpoint_id"),
                rs.getString("event_id"), rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
                rs.getObject("next_attempt_ms", Long.class), rs.getObject("last_attempt_ms", Long.class),
                rs.getObject("last_response_status", Integer.class), rs.getLong("created_ms"),
                rs.getObject("completed_ms", Long.class));
    }
}

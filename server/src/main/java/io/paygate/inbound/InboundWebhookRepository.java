package io.paygate.inbound;

import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.platform.db.Where;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code inbound_webhooks}. Workers take rows up with {@code for update skip locked}; the attempt
 * number a row was taken up with fences every later change, so a worker whose lease ran out cannot
 * overwrite what the next one recorded.
 */
@Repository
class InboundWebhookRepository {

    private static final String COLUMNS = "id, connector_account_id, event_id, event_type, kind, object_key, event_created, "
            + "payload, status, attempts, replays, next_attempt_ms, last_error_code, last_error_message, created, updated_ms";

    private final JdbcClient jdbc;

    InboundWebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} when the account's event is already stored. */
    void insert(InboundWebhook w) {
        jdbc.sql("insert into inbound_webhooks (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(w.id(), w.connectorAccountId(), w.eventId(), w.eventType(), w.kind().name(), w.objectKey(),
                        w.eventCreated(), w.payload(), w.status().wireName(), w.attempts(), w.replays(), w.nextAttemptMs(),
                        w.lastError() == null ? null : w.lastError().code(),
                        w.lastError() == null ? null : w.lastError().message(), w.created(), w.updatedMs())
                .update();
    }

    Optional<InboundWebhook> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from inbound_webhooks where id = ?").param(id)
                .query(InboundWebhookRepository::map).optional();
    }

    Optional<InboundWebhook> findByEvent(String connectorAccountId, String eventId) {
        return jdbc.sql("select " + COLUMNS + " from inbound_webhooks where connector_account_id = ? and event_id = ?")
                .params(connectorAccountId, eventId).query(InboundWebhookRepository::map).optional();
    }

    Page<InboundWebhook> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from inbound_webhooks", "id", where, page,
                InboundWebhookRepository::map);
    }

    /** Due rows, oldest due first, locked for the caller's transaction; rows another worker holds are skipped. */
    List<InboundWebhook> lockDue(long nowMs, int limit) {
        return jdbc.sql("select " + COLUMNS + " from inbound_webhooks where next_attempt_ms between 0 and ? "
                        + "order by next_attempt_ms limit ? for update skip locked")
                .params(nowMs, limit).query(InboundWebhookRepository::map).list();
    }

    /** Marks the row as being processed until {@code leaseUntilMs}; returns the attempt's number. */
    int takeUp(InboundWebhook w, long leaseUntilMs, long nowMs) {
        jdbc.sql("update inbound_webhooks set status = ?, attempts = ?, next_attempt_ms = ?, updated_ms = ? where id = ?")
                .params(InboundWebhookStatus.PROCESSING.wireName(), w.attempts() + 1, leaseUntilMs, nowMs, w.id())
                .update();
        return w.attempts() + 1;
    }

    /** Records how attempt {@code attempt} ended, unless the row was taken up again (or replayed) since. */
    boolean finish(String id, int attempt, InboundWebhookStatus status, Long nextAttemptMs, InboundWebhook.Error error,
                   long nowMs) {
        return jdbc.sql("""
                        update inbound_webhooks set status = ?, next_attempt_ms = ?, last_error_code = ?,
                            last_error_message = ?, updated_ms = ?
                        where id = ? and attempts = ? and status = ?""")
                .params(status.wireName(), nextAttemptMs, error == null ? null : error.code(),
                        error == null ? null : error.message(), nowMs, id, attempt,
                        InboundWebhookStatus.PROCESSING.wireName())
                .update() == 1;
    }

    /** Queues the row again from the start, if it is still {@code expected}; false when it moved meanwhile. */
    boolean requeue(String id, InboundWebhookStatus expected, long nowMs) {
        return jdbc.sql("""
                        update inbound_webhooks set status = ?, attempts = 0, replays = replays + 1, next_attempt_ms = ?,
                            updated_ms = ?
                        where id = ? and status = ?""")
                .params(InboundWebhookStatus.PENDING.wireName(), nowMs, nowMs, id, expected.wireName())
                .update() == 1;
    }

    private static InboundWebhook map(ResultSet rs, int row) throws SQLException {
        long next = rs.getLong("next_attempt_ms");
        Long nextAttemptMs = rs.wasNull() ? null : next;
        String errorCode = rs.getString("last_error_code");
        InboundWebhook.Error error = errorCode == null ? null
                : new InboundWebhook.Error(errorCode, rs.getString("last_error_message"));
        return new InboundWebhook(rs.getString("id"), rs.getString("connector_account_id"), rs.getString("event_id"),
                rs.getString("event_type"), ProcessorWebhook.Kind.valueOf(rs.getString("kind")), rs.getString("object_key"),
                rs.getLong("event_created"), rs.getString("payload"), InboundWebhookStatus.fromWire(rs.getString("status")),
                rs.getInt("attempts"), rs.getInt("replays"), nextAttemptMs, error, rs.getLong("created"),
                rs.getLong("updated_ms"));
    }
}

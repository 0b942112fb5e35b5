package io.paygate.eventstream;

import io.paygate.event.Event;
import io.paygate.platform.db.HeldWrites;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/** The {@code event_publications} outbox. */
class PublicationRepository {

    private static final int ERROR_CHARS = 1000;

    private final JdbcClient jdbc;
    private final HeldWrites writes;
    private final TransactionOperations tx;

    PublicationRepository(JdbcClient jdbc, HeldWrites writes, TransactionOperations tx) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.tx = tx;
    }

    /** Runs inside the transaction that records {@code events}, held with its other writes. */
    void insertAll(List<Event> events, long nowMs) {
        writes.batch("""
                insert into event_publications (event_id, merchant_id, livemode, object_id, status, attempts, next_attempt_ms, created_ms)
                values (?, ?, ?, ?, 'pending', 0, ?, ?)""",
                events.stream().map(e -> new Object[] {e.id(), e.merchantId(), e.livemode(), e.objectId(), nowMs, nowMs}).toList());
    }

    /**
     * Claims up to {@code limit} due publications in one short transaction: locks them (skipping rows
     * another node is claiming), plans them, and leases the sendable ones long enough for every wave
     * to time out once. Blocked rows are left as they were.
     */
    PublicationPlan claim(long nowMs, int limit, Duration perWave) {
        return Objects.requireNonNull(tx.execute(status -> {
            List<Publication> due = lockDue(nowMs, limit);
            if (due.isEmpty()) {
                return PublicationPlan.of(List.of(), List.of());
            }
            List<String> objects = due.stream().map(Publication::objectId).filter(Objects::nonNull).distinct().toList();
            PublicationPlan plan = PublicationPlan.of(due, pendingOf(objects, due.getLast().seq()));
            List<Long> sendable = plan.sendable().stream().map(Publication::seq).toList();
            if (!sendable.isEmpty()) {
                long leaseUntil = nowMs + perWave.toMillis() * (plan.waveCount() + 1);
                jdbc.sql("update event_publications set lease_until_ms = :lease where seq in (:seqs)")
                        .param("lease", leaseUntil).param("seqs", sendable).update();
            }
            return plan;
        }));
    }

    /**
     * Due rows in write order. A row whose object has an earlier row in backoff or leased is left
     * out here already (it could not be sent anyway, and a batch full of such rows would starve the
     * rest); {@link PublicationPlan} applies the complete rule.
     */
    private List<Publication> lockDue(long nowMs, int limit) {
        return jdbc.sql("""
                select p.seq, p.event_id, p.object_id, p.attempts, p.created_ms from event_publications p
                where p.status = 'pending' and p.next_attempt_ms <= :now and (p.lease_until_ms is null or p.lease_until_ms < :now)
                  and not exists (select 1 from event_publications e
                                  where e.object_id = p.object_id and e.status = 'pending' and e.seq < p.seq
                                    and (e.next_attempt_ms > :now or e.lease_until_ms >= :now))
                order by p.seq limit :limit for update skip locked""")
                .param("now", nowMs).param("limit", limit)
                .query((rs, n) -> new Publication(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)))
                .list();
    }

    private List<PublicationPlan.Pending> pendingOf(List<String> objectIds, long maxSeq) {
        if (objectIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select seq, object_id from event_publications where status = 'pending' and object_id in (:objects)"
                        + " and seq <= :max")
                .param("objects", objectIds).param("max", maxSeq)
                .query((rs, n) -> new PublicationPlan.Pending(rs.getLong(1), rs.getString(2)))
                .list();
    }

    void markPublished(Collection<Long> seqs, long nowMs) {
        if (!seqs.isEmpty()) {
            jdbc.sql("""
                    update event_publications set status = 'published', published_at_ms = :now, lease_until_ms = null, last_error = null
                    where seq in (:seqs)""")
                    .param("now", nowMs).param("seqs", seqs).update();
        }
    }

    void markFailed(long seq, long nextAttemptMs, String error) {
        String trimmed = error.length() > ERROR_CHARS ? error.substring(0, ERROR_CHARS) : error;
        jdbc.sql("""
                update event_publications set attempts = attempts + 1, next_attempt_ms = ?, lease_until_ms = null, last_error = ?
                where seq = ? and status = 'pending'""")
                .params(nextAttemptMs, trimmed, seq).update();
    }

    /** Hands rows back unsent and without counting an attempt (their turn did not come). */
    void release(Collection<Long> seqs) {
        if (!seqs.isEmpty()) {
            jdbc.sql("update event_publications set lease_until_ms = null where seq in (:seqs) and status = 'pending'")
                    .param("seqs", seqs).update();
        }
    }

    long pendingCount() {
        return jdbc.sql("select count(*) from event_publications where status = 'pending'").query(Long.class).single();
    }

    OptionalLong oldestPendingCreatedMs() {
        return jdbc.sql("select min(created_ms) from event_publications where status = 'pending'")
                .query((rs, n) -> {
                    long oldest = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(oldest);
                })
                .single();
    }
}

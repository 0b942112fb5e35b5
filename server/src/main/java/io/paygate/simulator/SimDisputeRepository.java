package io.paygate.simulator;

import io.paygate.platform.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code sim_disputes} and {@code sim_dispute_operations}. Every change is a compare-and-set on the
 * row's version; evidence is stored as a JSON object of strings.
 */
@Repository
class SimDisputeRepository {

    private static final String COLUMNS = "id, account_id, payment_id, payment_key, amount, currency, status, reason, "
            + "evidence, evidence_due_by, submission_count, decision_ms, decide_at_ms, version, created_ms, updated_ms";

    private final JdbcClient jdbc;
    private final Json json;

    SimDisputeRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} when the payment already has its dispute. */
    void insert(SimDispute d) {
        jdbc.sql("insert into sim_disputes (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.id(), d.accountId(), d.paymentId(), d.paymentKey(), d.amount(), d.currency(),
                        d.status().wireName(), d.reason(), json.write(d.evidence()), d.evidenceDueBy(),
                        d.submissionCount(), d.decisionMs(), d.decideAtMs(), d.version(), d.createdMs(), d.updatedMs())
                .update();
    }

    /** Stores {@code next} if the row is still at the version before it; false when someone changed it first. */
    boolean compareAndSet(SimDispute next) {
        return jdbc.sql("""
                        update sim_disputes set status = ?, evidence = ?, evidence_due_by = ?, submission_count = ?,
                            decide_at_ms = ?, version = ?, updated_ms = ?
                        where id = ? and version = ?""")
                .params(next.status().wireName(), json.write(next.evidence()), next.evidenceDueBy(),
                        next.submissionCount(), next.decideAtMs(), next.version(), next.updatedMs(), next.id(),
                        next.version() - 1)
                .update() == 1;
    }

    Optional<SimDispute> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from sim_disputes where id = ?")
                .params(id).query(this::map).optional();
    }

    /** The account's disputes, newest first, optionally of one payment (by its idempotency key). */
    List<SimDispute> list(String accountId, String paymentKey, int limit) {
        String where = paymentKey == null ? "account_id = ?" : "account_id = ? and payment_key = ?";
        Object[] params = paymentKey == null ? new Object[] {accountId} : new Object[] {accountId, paymentKey};
        return jdbc.sql("select " + COLUMNS + " from sim_disputes where " + where + " order by id desc fetch first "
                        + limit + " rows only")
                .params(params).query(this::map).list();
    }

    /** Disputes whose decision is due at or before {@code dueAtMs}, oldest first. */
    List<SimDispute> due(long dueAtMs, int limit) {
        return jdbc.sql("select " + COLUMNS + " from sim_disputes where decide_at_ms between 0 and ? "
                        + "order by decide_at_ms fetch first " + limit + " rows only")
                .params(dueAtMs).query(this::map).list();
    }

    /** Records an evidence update or acceptance; throws {@link org.springframework.dao.DuplicateKeyException} for a used key. */
    void insertOperation(String accountId, String idempotencyKey, String disputeId, String operation, long now) {
        jdbc.sql("insert into sim_dispute_operations (account_id, idem_key, dispute_id, operation, created_ms) "
                        + "values (?, ?, ?, ?, ?)")
                .params(accountId, idempotencyKey, disputeId, operation, now)
                .update();
    }

    /** The dispute an earlier operation with this key applied to. */
    Optional<String> disputeIdFor(String accountId, String idempotencyKey) {
        return jdbc.sql("select dispute_id from sim_dispute_operations where account_id = ? and idem_key = ?")
                .params(accountId, idempotencyKey).query(String.class).optional();
    }

    private SimDispute map(ResultSet rs, int row) throws SQLException {
        long decideAt = rs.getLong("decide_at_ms");
        Long decideAtMs = rs.wasNull() ? null : decideAt;
        return new SimDispute(rs.getString("id"), rs.getString("account_id"), rs.getString("payment_id"),
                rs.getString("payment_key"), rs.getLong("amount"), rs.getString("currency"),
                SimDisputeStatus.fromWire(rs.getString("status")), rs.getString("reason"),
                json.readStringMap(rs.getString("evidence")), rs.getLong("evidence_due_by"),
                rs.getInt("submission_count"), rs.getLong("decision_ms"), decideAtMs, rs.getInt("version"),
                rs.getLong("created_ms"), rs.getLong("updated_ms"));
    }
}

package io.paygate.simulator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code sim_payments}. Every change of state is a compare-and-set on the current status. */
@Repository
class SimPaymentRepository {

    private static final String COLUMNS = "id, account_id, idem_key, reference, amount, currency, capture, "
            + "instrument_type, instrument_label, status, planned_status, amount_authorized, amount_captured, "
            + "decline_code, decline_reason, decline_message, action_kind, action_succeeds, return_url, "
            + "resolve_at_ms, created_ms, updated_ms, amount_refunded, refund_behaviour, dispute_behaviour, "
            + "dispute_delay_ms, dispute_decision_ms, dispute_at_ms";

    private final JdbcClient jdbc;

    SimPaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new row; throws {@link org.springframework.dao.DuplicateKeyException} if the key is taken. */
    void insert(SimPayment p) {
        Decline d = p.decline();
        jdbc.sql("insert into sim_payments (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.accountId(), p.idempotencyKey(), p.reference(), p.amount(), p.currency(), p.capture(),
                        p.instrumentType(), p.instrumentLabel(), p.status().wireName(), p.plannedStatus().wireName(),
                        p.amountAuthorized(), p.amountCaptured(), d == null ? null : d.code(),
                        d == null ? null : d.declineCode(), d == null ? null : d.message(),
                        p.actionKind() == null ? null : p.actionKind().column(), p.actionSucceeds(), p.returnUrl(),
                        p.resolveAtMs(), p.createdMs(), p.updatedMs(), p.amountRefunded(),
                        p.aftermath().refunds().column(), p.aftermath().dispute().column(), p.disputeDelayMs(),
                        p.disputeDecisionMs(), p.disputeAtMs())
                .update();
    }

    /**
     * Moves the row to {@code next}'s state if it is still in {@code expected}. Returns false when
     * someone else (a request, a page, the resolver) moved it first.
     */
    boolean compareAndSet(SimPayment next, SimStatus expected) {
        Decline d = next.decline();
        return jdbc.sql("""
                        update sim_payments set status = ?, amount_authorized = ?, amount_captured = ?, decline_code = ?,
                            decline_reason = ?, decline_message = ?, resolve_at_ms = ?, updated_ms = ?, dispute_at_ms = ?
                        where id = ? and status = ?""")
                .params(next.status().wireName(), next.amountAuthorized(), next.amountCaptured(),
                        d == null ? null : d.code(), d == null ? null : d.declineCode(), d == null ? null : d.message(),
                        next.resolveAtMs(), next.updatedMs(), next.disputeAtMs(), next.id(), expected.wireName())
                .update() == 1;
    }

    Optional<SimPayment> findByKey(String accountId, String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from sim_payments where account_id = ? and idem_key = ?")
                .params(accountId, idempotencyKey).query(SimPaymentRepository::map).optional();
    }

    Optional<SimPayment> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from sim_payments where id = ?")
                .params(id).query(SimPaymentRepository::map).optional();
    }

    /** The account's payments, newest first (ids sort by creation time), optionally for one reference. */
    List<SimPayment> list(String accountId, String reference, int limit) {
        String where = reference == null ? "account_id = ?" : "account_id = ? and reference = ?";
        Object[] params = reference == null ? new Object[] {accountId} : new Object[] {accountId, reference};
        return jdbc.sql("select " + COLUMNS + " from sim_payments where " + where + " order by id desc fetch first "
                        + limit + " rows only")
                .params(params).query(SimPaymentRepository::map).list();
    }

    /** Rows in {@code status} whose {@code resolve_at_ms} is at or before {@code dueAtMs}, oldest first. */
    List<SimPayment> due(SimStatus status, long dueAtMs, int limit) {
        return jdbc.sql("select " + COLUMNS + " from sim_payments where resolve_at_ms between 0 and ? and status = ? "
                        + "order by resolve_at_ms fetch first " + limit + " rows only")
                .params(dueAtMs, status.wireName()).query(SimPaymentRepository::map).list();
    }

    /**
     * Reserves {@code amount} of the captured amount for a refund: false, changing nothing, when the
     * payment is not captured or that much is no longer left. Atomic, so concurrent refunds can never
     * together take back more than was captured.
     */
    boolean reserveRefund(String id, long amount) {
        return jdbc.sql("""
                        update sim_payments set amount_refunded = amount_refunded + ?
                        where id = ? and status = ? and amount_refunded + ? <= amount_captured""")
                .params(amount, id, SimStatus.CAPTURED.wireName(), amount)
                .update() == 1;
    }

    /** Gives back what a refund reserved when it fails or is canceled. */
    void releaseRefund(String id, long amount) {
        int updated = jdbc.sql("update sim_payments set amount_refunded = amount_refunded - ? where id = ?")
                .params(amount, id).update();
        if (updated != 1) {
            throw new IllegalStateException("simulator payment " + id + " vanished under its refund");
        }
    }

    /** Captured payments whose dispute is due at or before {@code dueAtMs}, oldest first. */
    List<SimPayment> disputesDue(long dueAtMs, int limit) {
        return jdbc.sql("select " + COLUMNS + " from sim_payments where dispute_at_ms between 0 and ? "
                        + "order by dispute_at_ms fetch first " + limit + " rows only")
                .params(dueAtMs).query(SimPaymentRepository::map).list();
    }

    /** Marks the payment's dispute as opened; false when another resolver did it first. */
    boolean clearDisputeDue(String id) {
        return jdbc.sql("update sim_payments set dispute_at_ms = null where id = ? and dispute_at_ms is not null")
                .params(id).update() == 1;
    }

    private static SimPayment map(ResultSet rs, int row) throws SQLException {
        String declineCode = rs.getString("decline_code");
        Decline decline = declineCode == null ? null
                : new Decline(declineCode, rs.getString("decline_reason"), rs.getString("decline_message"));
        Long resolveAtMs = nullableLong(rs, "resolve_at_ms");
        Long disputeAtMs = nullableLong(rs, "dispute_at_ms");
        Aftermath aftermath = new Aftermath(RefundBehaviour.fromColumn(rs.getString("refund_behaviour")),
                DisputeBehaviour.fromColumn(rs.getString("dispute_behaviour")));
        return new SimPayment(rs.getString("id"), rs.getString("account_id"), rs.getString("idem_key"),
                rs.getString("reference"), rs.getLong("amount"), rs.getString("currency"), rs.getBoolean("capture"),
                rs.getString("instrument_type"), rs.getString("instrument_label"),
                SimStatus.fromWire(rs.getString("status")), SimStatus.fromWire(rs.getString("planned_status")),
                rs.getLong("amount_authorized"), rs.getLong("amount_captured"), decline,
                ActionKind.fromColumn(rs.getString("action_kind")), rs.getBoolean("action_succeeds"),
                rs.getString("return_url"), resolveAtMs, rs.getLong("created_ms"), rs.getLong("updated_ms"),
                rs.getLong("amount_refunded"), aftermath, rs.getLong("dispute_delay_ms"),
                rs.getLong("dispute_decision_ms"), disputeAtMs);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}

package io.paygate.payment;

import io.paygate.platform.db.HeldWrites;
import io.paygate.platform.db.Where;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ChargeRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, payment_intent_id, attempt_number, customer_id, "
            + "payment_method_id, amount, amount_captured, amount_refunded, currency, capture, status, processor_state, "
            + "failure_code, failure_message, decline_code, payment_method_details, connector, connector_account_id, "
            + "processor_reference, redirect_url, description, metadata, created, updated_ms, next_check_ms, check_count, "
            + "fee, fee_refunded, amount_refund_pending, amount_disputed, balance_transaction_id";
    private static final String INSERT_COLUMNS = "id, merchant_id, livemode, payment_intent_id, attempt_number, customer_id, "
            + "payment_method_id, amount, amount_captured, amount_refunded, currency, capture, status, processor_state, "
            + "failure_code, failure_message, decline_code, payment_method_details, connector, connector_account_id, "
            + "processor_reference, redirect_url, description, metadata, created, updated_ms, next_check_ms, check_count";

    private final JdbcClient jdbc;
    private final HeldWrites writes;
    private final Json json;

    ChargeRepository(JdbcClient jdbc, HeldWrites writes, Json json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    void insert(Charge c) {
        writes.update("insert into charges (" + INSERT_COLUMNS + ") values (" + "?, ".repeat(27) + "?)",
                c.id(), c.merchantId(), c.livemode(), c.paymentIntentId(), c.attemptNumber(), c.customerId(),
                c.paymentMethodId(), c.amount(), c.amountCaptured(), c.amountRefunded(), c.currency(), c.capture(),
                c.status(), c.processorState().name(), c.failureCode(), c.failureMessage(), c.declineCode(),
                json.write(c.paymentMethodDetails()), c.connector(), c.connectorAccountId(),
                c.processorReference(), c.redirectUrl(), c.description(), json.write(c.metadata()), c.created(),
                c.updatedMs(), c.nextCheckMs(), c.checkCount());
    }

    private static final String UPDATE = """
            update charges set amount_captured = ?, amount_refunded = ?, status = ?, processor_state = ?,
                failure_code = ?, failure_message = ?, decline_code = ?, processor_reference = ?, redirect_url = ?,
                description = ?, metadata = ?, updated_ms = ?, next_check_ms = ?, check_count = ?, lease_until_ms = null""";

    void update(Charge c) {
        writes.update(UPDATE + " where id = ?", updated(c, c.id()));
    }

    /** As {@link #update}, with the fee and balance transaction its capture just recorded, in the same statement. */
    void updateCaptured(Charge c) {
        writes.update(UPDATE + ", fee = ?, balance_transaction_id = ? where id = ?",
                updated(c, c.accounting().fee(), c.accounting().balanceTransactionId(), c.id()));
    }

    private Object[] updated(Charge c, Object... then) {
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(c.amountCaptured(), c.amountRefunded(), c.status(),
                c.processorState().name(), c.failureCode(), c.failureMessage(), c.declineCode(), c.processorReference(),
                c.redirectUrl(), c.description(), json.write(c.metadata()), c.updatedMs(), c.nextCheckMs(), c.checkCount()));
        values.addAll(java.util.Arrays.asList(then));
        return values.toArray();
    }

    Optional<Charge> find(String merchantId, boolean livemode, String id) {
        return jdbc.sql("select " + COLUMNS + " from charges where id = ?")
                .param(id).query(this::map).optional().filter(c -> c.merchantId().equals(merchantId) && c.livemode() == livemode);
    }

    Optional<Charge> findById(String id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from charges where id = ?" + (forUpdate ? " for update" : ""))
                .param(id).query(this::map).optional();
    }

    List<Charge> forIntent(String paymentIntentId) {
        return jdbc.sql("select " + COLUMNS + " from charges where payment_intent_id = ? order by attempt_number")
                .param(paymentIntentId).query(this::map).list();
    }

    /** The attempts of a page of intents in one query, each intent's in attempt order (intents without any are absent). */
    Map<String, List<Attempt>> attemptsFor(Collection<String> paymentIntentIds) {
        Map<String, List<Attempt>> out = new HashMap<>();
        if (paymentIntentIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select payment_intent_id, " + ATTEMPT_COLUMNS + " from charges where payment_intent_id in (:ids)"
                        + " order by payment_intent_id, attempt_number")
                .param("ids", paymentIntentIds)
                .query(rs -> {
                    out.computeIfAbsent(rs.getString("payment_intent_id"), k -> new ArrayList<>()).add(mapAttempt(rs, ""));
                });
        return out;
    }

    /** Records the fee and balance transaction of a capture on a locked charge, and returns the charge as now stored. */
    Charge recordCaptureAccounting(Charge c, long fee, String balanceTransactionId) {
        writes.update("update charges set fee = ?, balance_transaction_id = ? where id = ?", fee, balanceTransactionId, c.id());
        return c.withCaptureAccounting(fee, balanceTransactionId);
    }

    /** Moves refund and dispute amounts on a locked charge. */
    void adjustRefundsAndDisputes(String id, long refundPendingDelta, long refundedDelta, long feeRefundedDelta, long disputedDelta) {
        writes.update("""
                update charges set amount_refund_pending = amount_refund_pending + ?, amount_refunded = amount_refunded + ?,
                    fee_refunded = fee_refunded + ?, amount_disputed = amount_disputed + ? where id = ?""",
                refundPendingDelta, refundedDelta, feeRefundedDelta, disputedDelta, id);
    }

    int countForIntent(String paymentIntentId) {
        return jdbc.sql("select count(*) from charges where payment_intent_id = ?").param(paymentIntentId)
                .query(Integer.class).single();
    }

    /**
     * Unresolved charges whose next check is due, oldest first. The lower bound matters: H2 sorts
     * nulls (every settled charge) first in the index, and {@code <= ?} alone would walk them all on
     * each poll; the other workers' due polls bound their columns the same way (DuePollsIT).
     */
    List<String> due(long nowMs, int limit) {
        return jdbc.sql("select id from charges where next_check_ms between 0 and ? and (lease_until_ms is null or lease_until_ms < ?)"
                        + " order by next_check_ms limit ?")
                .params(nowMs, nowMs, limit).query(String.class).list();
    }

    /** Takes the reconciler's lease on a charge; false when another worker holds it. */
    boolean claim(String id, long nowMs, long leaseUntilMs) {
        return jdbc.sql("update charges set lease_until_ms = ? where id = ? and next_check_ms is not null"
                        + " and (lease_until_ms is null or lease_until_ms < ?)")
                .params(leaseUntilMs, id, nowMs).update() == 1;
    }

    void checkNow(String id, long nowMs) {
        writes.update("update charges set next_check_ms = ? where id = ? and next_check_ms is not null", nowMs, id);
    }

    Page<Charge> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from charges", "id", where, page, this::map);
    }

    private Charge map(ResultSet rs, int row) throws SQLException {
        return map(rs, "");
    }

    /**
     * The charge columns for a join with the charges table as {@code c}, each named {@code c_<column>}
     * (read back with {@link #mapJoined}).
     */
    static final String JOINED_COLUMNS = io.paygate.platform.db.Columns.qualified(COLUMNS, "c", "c_");

    /** The columns of an {@link Attempt}. */
    private static final String ATTEMPT_COLUMNS = "id, connector, connector_account_id, created, decline_code, failure_code, "
            + "processor_state, processor_reference";

    /**
     * An attempt's columns for a join with the charges table as {@code c}, each named {@code c_<column>}
     * (read back with {@link #mapJoinedAttempt}).
     */
    static final String JOINED_ATTEMPT_COLUMNS = io.paygate.platform.db.Columns.qualified(ATTEMPT_COLUMNS, "c", "c_");

    /** The attempt of a joined row ({@link #JOINED_ATTEMPT_COLUMNS}); null where an outer join found none. */
    static Attempt mapJoinedAttempt(ResultSet rs) throws SQLException {
        return rs.getString("c_id") == null ? null : mapAttempt(rs, "c_");
    }

    private static Attempt mapAttempt(ResultSet rs, String p) throws SQLException {
        return new Attempt(rs.getString(p + "id"), rs.getString(p + "connector"), rs.getString(p + "connector_account_id"),
                rs.getLong(p + "created"), rs.getString(p + "decline_code"), rs.getString(p + "failure_code"),
                ProcessorState.valueOf(rs.getString(p + "processor_state")), rs.getString(p + "processor_reference"));
    }

    /** The charge of a joined row ({@link #JOINED_COLUMNS}); null where an outer join found none. */
    Charge mapJoined(ResultSet rs) throws SQLException {
        return rs.getString("c_id") == null ? null : map(rs, "c_");
    }

    private Charge map(ResultSet rs, String p) throws SQLException {
        return new Charge(rs.getString(p + "id"), rs.getString(p + "merchant_id"), rs.getBoolean(p + "livemode"),
                rs.getString(p + "payment_intent_id"), rs.getInt(p + "attempt_number"), rs.getString(p + "customer_id"),
                rs.getString(p + "payment_method_id"), rs.getLong(p + "amount"), rs.getLong(p + "amount_captured"),
                rs.getLong(p + "amount_refunded"), rs.getString(p + "currency"), rs.getBoolean(p + "capture"), rs.getString(p + "status"),
                ProcessorState.valueOf(rs.getString(p + "processor_state")), rs.getString(p + "failure_code"),
                rs.getString(p + "failure_message"), rs.getString(p + "decline_code"),
                json.readMap(rs.getString(p + "payment_method_details")), rs.getString(p + "connector"),
                rs.getString(p + "connector_account_id"), rs.getString(p + "processor_reference"), rs.getString(p + "redirect_url"),
                rs.getString(p + "description"), json.readStringMap(rs.getString(p + "metadata")), rs.getLong(p + "created"),
                rs.getLong(p + "updated_ms"), rs.getObject(p + "next_check_ms", Long.class), rs.getInt(p + "check_count"),
                new Charge.Accounting(rs.getLong(p + "fee"), rs.getLong(p + "fee_refunded"), rs.getLong(p + "amount_refund_pending"),
                        rs.getLong(p + "amount_disputed"), rs.getString(p + "balance_transaction_id")));
    }
}

package io.paygate.payment;

import io.paygate.platform.db.HeldWrites;
import io.paygate.platform.db.Where;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentIntentRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, amount, currency, status, capture_method, "
            + "confirmation_method, customer_id, payment_method_id, payment_method_types, description, receipt_email, "
            + "statement_descriptor, statement_descriptor_suffix, setup_future_usage, shipping, client_secret, "
            + "amount_capturable, amount_received, canceled_at, cancellation_reason, last_payment_error, next_action, "
            + "latest_charge_id, pending_operation_id, connector, connector_account_id, return_url, metadata, version, created";
    /** The intent's columns for a join with the intent table as {@code pi}. */
    private static final String JOINED_COLUMNS = io.paygate.platform.db.Columns.qualified(COLUMNS, "pi", "");

    private final JdbcClient jdbc;
    private final HeldWrites writes;
    private final Json json;

    PaymentIntentRepository(JdbcClient jdbc, HeldWrites writes, Json json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    void insert(PaymentIntent p) {
        writes.update("insert into payment_intents (" + COLUMNS + ") values (" + "?, ".repeat(31) + "?)",
                p.id(), p.merchantId(), p.livemode(), p.amount(), p.currency(), p.status().wireName(),
                p.captureMethod(), p.confirmationMethod(), p.customerId(), p.paymentMethodId(),
                String.join(",", p.paymentMethodTypes()), p.description(), p.receiptEmail(),
                p.statementDescriptor(), p.statementDescriptorSuffix(), p.setupFutureUsage(), write(p.shipping()),
                p.clientSecret(), p.amountCapturable(), p.amountReceived(), p.canceledAt(), p.cancellationReason(),
                write(p.lastPaymentError()), write(p.nextAction()), p.latestChargeId(), p.pendingOperationId(),
                p.connector(), p.connectorAccountId(), p.returnUrl(), json.write(p.metadata()), p.version(), p.created());
    }

    /**
     * Writes {@code p} over the row this transaction holds locked, which must still be at
     * {@code p.version() - 1}: a row someone else changed meanwhile is a bug, and fails the transaction.
     */
    void update(PaymentIntent p) {
        writes.update("""
                update payment_intents set amount = ?, currency = ?, status = ?, capture_method = ?, confirmation_method = ?,
                    customer_id = ?, payment_method_id = ?, payment_method_types = ?, description = ?, receipt_email = ?,
                    statement_descriptor = ?, statement_descriptor_suffix = ?, setup_future_usage = ?, shipping = ?,
                    amount_capturable = ?, amount_received = ?, canceled_at = ?, cancellation_reason = ?,
                    last_payment_error = ?, next_action = ?, latest_charge_id = ?, pending_operation_id = ?, connector = ?,
                    connector_account_id = ?, return_url = ?, metadata = ?, version = ?
                where id = ? and version = ?""",
                new Object[] {p.amount(), p.currency(), p.status().wireName(), p.captureMethod(), p.confirmationMethod(),
                        p.customerId(), p.paymentMethodId(), String.join(",", p.paymentMethodTypes()), p.description(),
                        p.receiptEmail(), p.statementDescriptor(), p.statementDescriptorSuffix(), p.setupFutureUsage(),
                        write(p.shipping()), p.amountCapturable(), p.amountReceived(), p.canceledAt(),
                        p.cancellationReason(), write(p.lastPaymentError()), write(p.nextAction()), p.latestChargeId(),
                        p.pendingOperationId(), p.connector(), p.connectorAccountId(), p.returnUrl(),
                        json.write(p.metadata()), p.version(), p.id(), p.version() - 1}, count -> {
                    if (count != 1) {
                        throw new IllegalStateException("payment intent " + p.id() + " changed concurrently while locked");
                    }
                });
    }

    /**
     * The merchant's intent by id. Like every lookup by id, the query names the primary key alone and
     * the owner is checked on the row: with the owner in the WHERE clause too, a plan cached while the
     * table had no statistics may walk a (merchant_id, livemode, …) index instead, one row per payment.
     */
    Optional<PaymentIntent> find(String merchantId, boolean livemode, String id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from payment_intents where id = ?" + (forUpdate ? " for update" : ""))
                .param(id).query(this::map).optional().filter(p -> p.merchantId().equals(merchantId) && p.livemode() == livemode);
    }

    /**
     * The merchant's intent with its charges' attempts in order, in one query (the intent's columns
     * repeat on each attempt's row). Owner checked on the row, as in {@link #find}.
     */
    Optional<PaymentIntentService.WithAttempts> findWithAttempts(String merchantId, boolean livemode, String id) {
        List<PaymentIntentService.WithAttempts> found = jdbc.sql("select " + JOINED_COLUMNS + ", "
                        + ChargeRepository.JOINED_ATTEMPT_COLUMNS
                        + " from payment_intents pi left join charges c on c.payment_intent_id = pi.id"
                        + " where pi.id = ? order by c.attempt_number")
                .param(id)
                .query(rs -> {
                    PaymentIntent intent = null;
                    List<Attempt> attempts = new java.util.ArrayList<>();
                    while (rs.next()) {
                        if (intent == null) {
                            intent = map(rs, 0);
                        }
                        Attempt attempt = ChargeRepository.mapJoinedAttempt(rs);
                        if (attempt != null) {
                            attempts.add(attempt);
                        }
                    }
                    return intent == null ? List.<PaymentIntentService.WithAttempts>of()
                            : List.of(new PaymentIntentService.WithAttempts(intent, List.copyOf(attempts)));
                });
        return found.stream().findFirst().filter(w -> w.intent().merchantId().equals(merchantId) && w.intent().livemode() == livemode);
    }

    /** A charge and its intent. */
    record ChargeAndIntent(Charge charge, PaymentIntent intent) {
    }

    /**
     * A charge and its intent, both locked, in one statement: the rows a processor's answer about the
     * charge changes. Empty when there is no such charge.
     */
    Optional<ChargeAndIntent> lockWithCharge(String chargeId, ChargeRepository charges) {
        return jdbc.sql("select " + JOINED_COLUMNS + ", " + ChargeRepository.JOINED_COLUMNS
                        + " from charges c join payment_intents pi on pi.id = c.payment_intent_id where c.id = ? for update")
                .param(chargeId)
                .query((rs, row) -> new ChargeAndIntent(charges.mapJoined(rs), map(rs, row))).optional();
    }

    Optional<PaymentIntent> findById(String id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from payment_intents where id = ?" + (forUpdate ? " for update" : ""))
                .param(id).query(this::map).optional();
    }

    Page<PaymentIntent> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from payment_intents", "id", where, page, this::map);
    }

    private String write(Map<String, Object> value) {
        return value == null ? null : json.write(value);
    }

    private Map<String, Object> read(String value) {
        return value == null ? null : json.readMap(value);
    }

    private PaymentIntent map(ResultSet rs, int row) throws SQLException {
        return new PaymentIntent(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"),
                rs.getLong("amount"), rs.getString("currency"), PaymentIntentStatus.fromWire(rs.getString("status")),
                rs.getString("capture_method"), rs.getString("confirmation_method"), rs.getString("customer_id"),
                rs.getString("payment_method_id"), Arrays.asList(rs.getString("payment_method_types").split(",")),
                rs.getString("description"), rs.getString("receipt_email"), rs.getString("statement_descriptor"),
                rs.getString("statement_descriptor_suffix"), rs.getString("setup_future_usage"),
                read(rs.getString("shipping")), rs.getString("client_secret"), rs.getLong("amount_capturable"),
                rs.getLong("amount_received"), rs.getObject("canceled_at", Long.class), rs.getString("cancellation_reason"),
                read(rs.getString("last_payment_error")), read(rs.getString("next_action")),
                rs.getString("latest_charge_id"), rs.getString("pending_operation_id"), rs.getString("connector"),
                rs.getString("connector_account_id"), rs.getString("return_url"),
                json.readStringMap(rs.getString("metadata")), rs.getInt("version"), rs.getLong("created"));
    }
}

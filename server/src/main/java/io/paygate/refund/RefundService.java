package io.paygate.refund;

import io.paygate.connector.ConnectorAccountService;
import io.paygate.connector.ConnectorRegistry;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.RefundLookupRequest;
import io.paygate.connector.spi.RefundOutcome;
import io.paygate.connector.spi.RefundRequest;
import io.paygate.event.EventLog;
import io.paygate.ledger.Ledger;
import io.paygate.payment.Charge;
import io.paygate.payment.ChargeBook;
import io.paygate.payment.PaymentIntent;
import io.paygate.payment.PaymentIntentStatus;
import io.paygate.payment.PaymentOperations;
import io.paygate.payment.ProcessorState;
import io.paygate.payment.ReconcilerSettings;
import io.paygate.platform.db.MetadataIndex;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.idempotency.RecoveryPoints;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.pagination.CreatedRange;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RangeFilter;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds: validated and recorded (with the charge locked, so concurrent refunds and disputes
 * never take more than was captured) before the processor is called outside any transaction; the
 * answer is recorded by {@link RefundRecorder}. Refunding an intent that is only authorized
 * cancels it instead.
 */
@Service
public class RefundService {

    /** A validated refund request: exactly one of {@code chargeId} and {@code paymentIntentId}. */
    public record NewRefund(String chargeId, String paymentIntentId, Long amount, String currency, String reason,
                            Map<String, String> metadata) {
    }

    private final RefundRepository refunds;
    private final RefundRecorder recorder;
    private final ChargeBook charges;
    private final PaymentOperations paymentOperations;
    private final Ledger ledger;
    private final ConnectorAccountService connectorAccounts;
    private final ConnectorRegistry connectors;
    private final MetadataIndex metadataIndex;
    private final EventLog events;
    private final TransactionTemplate tx;
    private final Ids ids;
    private final Clock clock;
    private final ReconcilerSettings settings;
    private final RecoveryPoints recoveryPoints;

    RefundService(RefundRepository refunds, RefundRecorder recorder, ChargeBook charges, PaymentOperations paymentOperations,
                  Ledger ledger, ConnectorAccountService connectorAccounts, ConnectorRegistry connectors,
                  MetadataIndex metadataIndex, EventLog events, TransactionTemplate tx, Ids ids, Clock clock,
                  ReconcilerSettings settings, RecoveryPoints recoveryPoints) {
        this.refunds = refunds;
        this.recorder = recorder;
        this.charges = charges;
        this.paymentOperations = paymentOperations;
        this.ledger = ledger;
        this.connectorAccounts = connectorAccounts;
        this.connectors = connectors;
        this.metadataIndex = metadataIndex;
        this.events = events;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.recoveryPoints = recoveryPoints;
    }

    /** Checks what can be checked without writing: the target exists and is refundable at all. */
    public void validate(CallContext ctx, NewRefund request) {
        if (request.paymentIntentId() != null) {
            PaymentIntent intent = charges.intent(ctx, request.paymentIntentId());
            if (intent.status() == PaymentIntentStatus.REQUIRES_CAPTURE) {
                return;
            }
            if (intent.status() != PaymentIntentStatus.SUCCEEDED) {
                throw ApiException.unexpectedState("payment_intent", "This PaymentIntent has a status of "
                        + intent.status().wireName() + " and has no successful charge to refund.", null);
            }
            check(ctx, charges.get(ctx, intent.latestChargeId()), request);
        } else {
            check(ctx, charges.get(ctx, request.chargeId()), request);
        }
    }

    private static void check(CallContext ctx, Charge charge, NewRefund request) {
        if (request.currency() != null && !request.currency().equalsIgnoreCase(charge.currency())) {
            throw ApiException.invalidParam("currency", "The refund currency (" + request.currency().toLowerCase(java.util.Locale.ROOT)
                    + ") must be the charge's currency (" + charge.currency() + ").");
        }
        if (charge.processorState() != ProcessorState.CAPTURED) {
            throw ApiException.invalidRequest("charge_not_refundable", "Charge " + charge.id() + " has not been captured, "
                    + "so there is nothing to refund." + (charge.processorState() == ProcessorState.AUTHORIZED
                    ? " Cancel its PaymentIntent to release the authorization." : ""), "charge");
        }
    }

    public Refund create(CallContext ctx, NewRefund request) {
        String chargeId = request.chargeId();
        if (request.paymentIntentId() != null) {
            PaymentIntent intent = charges.intent(ctx, request.paymentIntentId());
            if (intent.status() == PaymentIntentStatus.REQUIRES_CAPTURE) {
                return refundByCanceling(ctx, intent, request);
            }
            chargeId = intent.latestChargeId();
        }
        String target = chargeId;
        Refund created = tx.execute(status -> start(ctx, target, request));
        ConnectorAccount account = connectorAccounts.forCall(created.connectorAccountId());
        Charge charge = charges.findById(created.chargeId()).orElseThrow();
        RefundOutcome outcome = connectors.get(account.type()).refund(new RefundRequest(created.id(), account, charge.id(),
                charge.processorReference(), Money.of(created.amount(), created.currency()), created.reason(), ctx.trace()));
        return recorder.apply(ctx, created.id(), outcome);
    }

    private Refund start(CallContext ctx, String chargeId, NewRefund request) {
        Charge charge = charges.lock(ctx, chargeId, "charge");
        check(ctx, charge, request);
        Charge.Accounting accounting = charge.accounting();
        if (accounting.amountDisputed() > 0) {
            throw ApiException.invalidRequest("charge_disputed", "Charge " + charge.id() + " has been charged back; "
                    + "it cannot be refunded while the dispute is open or after it was lost.", "charge");
        }
        long refundable = charge.amountCaptured() - charge.amountRefunded() - accounting.amountRefundPending();
        if (refundable <= 0) {
            throw ApiException.invalidRequest("charge_already_refunded", "Charge " + charge.id()
                    + " has already been refunded.", "charge");
        }
        long amount = request.amount() == null ? refundable : request.amount();
        if (amount > refundable) {
            throw ApiException.invalidRequest("amount_too_large", "Refund amount (" + Money.of(amount, charge.currency()).format()
                    + ") is greater than unrefunded amount on charge (" + Money.of(refundable, charge.currency()).format() + ").",
                    "amount");
        }
        String id = ids.next("re");
        recoveryPoints.mark(id);
        Ledger.Refunded accounted = ledger.recordRefund(id, charge.ledgerView(), amount, charge.amountCaptured(),
                accounting.fee(), accounting.feeRefunded() + pendingFeeReversals(charge.id()),
                charge.amountRefunded() + accounting.amountRefundPending());
        long now = clock.millis();
        Refund refund = new Refund(id, ctx.merchantId(), ctx.livemode(), charge.id(), charge.paymentIntentId(), amount,
                accounted.feeReversed(), charge.currency(), RefundState.SENT, request.reason(), null,
                accounted.balanceTransactionId(), null, charge.connectorAccountId(), null,
                request.metadata() == null ? Map.of() : request.metadata(), now / 1000, 0);
        refunds.insert(refund, now, now + settings.firstCheckAfterMs());
        charges.adjust(charge.id(), amount, 0, 0, 0);
        metadataIndex.insert("refund", id, ctx.merchantId(), ctx.livemode(), refund.metadata());
        events.record(ctx, "refund.created", refund.render(), null);
        return refund;
    }

    /** Fee shares already promised to refunds that have not settled yet. */
    private long pendingFeeReversals(String chargeId) {
        return refunds.forCharge(chargeId).stream().filter(r -> r.state().isOpen()).mapToLong(Refund::feeReversed).sum();
    }

    private Refund refundByCanceling(CallContext ctx, PaymentIntent intent, NewRefund request) {
        if (request.amount() != null && request.amount() != intent.amountCapturable()) {
            throw ApiException.invalidParam("amount", "An uncaptured PaymentIntent is refunded by canceling it, which releases "
                    + "the whole authorization; leave out amount or pass " + intent.amountCapturable() + ".");
        }
        // The cancellation is the first lasting change and creates no refund yet: the key is claimed before it.
        recoveryPoints.claimNow();
        PaymentIntent canceled = paymentOperations.cancel(ctx, intent.id(), "requested_by_customer");
        return tx.execute(status -> {
            long now = clock.millis();
            String id = ids.next("re");
            recoveryPoints.mark(id);
            Refund refund = new Refund(id, ctx.merchantId(), ctx.livemode(), canceled.latestChargeId(),
                    canceled.id(), intent.amountCapturable(), 0, intent.currency(), RefundState.SUCCEEDED, request.reason(),
                    null, null, null, canceled.connectorAccountId(), null,
                    request.metadata() == null ? Map.of() : request.metadata(), now / 1000, 0);
            refunds.insert(refund, now, null);
            events.record(ctx, "refund.created", refund.render(), null);
            return refund;
        });
    }

    public Refund get(CallContext ctx, String id) {
        return refunds.find(ctx.merchantId(), ctx.livemode(), id).orElseThrow(() -> ApiException.notFound("refund", id, "id"));
    }

    public Refund updateMetadata(CallContext ctx, String id, Map<String, String> metadata) {
        return tx.execute(status -> {
            Refund before = refunds.findById(get(ctx, id).id(), true).orElseThrow();
            refunds.updateMetadata(id, metadata);
            metadataIndex.replace("refund", id, ctx.merchantId(), ctx.livemode(), metadata);
            Refund after = refunds.findById(id, false).orElseThrow();
            events.record(ctx, "refund.updated", after.render(), Map.of("metadata", before.metadata()));
            return after;
        });
    }

    /** Cancels a refund that is still pending at the processor. */
    public Refund cancel(CallContext ctx, String id) {
        Refund refund = get(ctx, id);
        if (!refund.state().isOpen()) {
            throw ApiException.invalidRequest("refund_not_cancelable", "Refund " + id + " has a status of "
                    + refund.state().wireStatus() + "; only pending refunds can be canceled.", null);
        }
        ConnectorAccount account = connectorAccounts.forCall(refund.connectorAccountId());
        RefundOutcome outcome = connectors.get(account.type()).cancelRefund(new RefundLookupRequest(account, id, ctx.trace()));
        Refund after = recorder.apply(ctx, id, outcome);
        if (after.state() != RefundState.CANCELED) {
            throw ApiException.invalidRequest("refund_not_cancelable", "Refund " + id + " could not be canceled: it is "
                    + after.state().wireStatus() + " at the processor.", null);
        }
        return after;
    }

    public Page<Refund> list(CallContext ctx, String chargeId, String paymentIntentId, RangeFilter created, PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode());
        if (chargeId != null) {
            where.and("charge_id = ?", chargeId);
        }
        if (paymentIntentId != null) {
            where.and("payment_intent_id = ?", paymentIntentId);
        }
        CreatedRange.apply(where, "id", "re", created);
        return refunds.page(where, page);
    }
}

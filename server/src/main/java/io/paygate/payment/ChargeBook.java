package io.paygate.payment;

import io.paygate.platform.errors.ApiException;
import io.paygate.platform.web.CallContext;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What refunds and disputes may do with charges: lock one while moving its money, and adjust its
 * refunded and disputed amounts. The lock serializes refunds racing each other and a dispute on
 * the same charge, so none of them can take more than was captured.
 */
@Service
public class ChargeBook {

    private final ChargeRepository charges;
    private final PaymentIntentRepository intents;

    ChargeBook(ChargeRepository charges, PaymentIntentRepository intents) {
        this.charges = charges;
        this.intents = intents;
    }

    /** The charge of this merchant and mode, locked for the rest of the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Charge lock(CallContext ctx, String chargeId, String param) {
        charges.find(ctx.merchantId(), ctx.livemode(), chargeId)
                .orElseThrow(() -> ApiException.notFound("charge", chargeId, param));
        return charges.findById(chargeId, true).orElseThrow();
    }

    /** Locks a charge found by the key a processor knows it by (its id), checking the connector account. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Charge> lockForProcessor(String connectorAccountId, String chargeId) {
        return charges.findById(chargeId, true).filter(c -> c.connectorAccountId().equals(connectorAccountId));
    }

    public Charge get(CallContext ctx, String chargeId) {
        return charges.find(ctx.merchantId(), ctx.livemode(), chargeId)
                .orElseThrow(() -> ApiException.notFound("charge", chargeId, "charge"));
    }

    public Optional<Charge> findById(String chargeId) {
        return charges.findById(chargeId, false);
    }

    /** The intent a charge belongs to (for refunds and disputes created from an intent id). */
    public PaymentIntent intent(CallContext ctx, String intentId) {
        return intents.find(ctx.merchantId(), ctx.livemode(), intentId, false)
                .orElseThrow(() -> ApiException.notFound("payment_intent", intentId, "payment_intent"));
    }

    /** Adjusts the locked charge's refund and dispute amounts by the given deltas and returns it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Charge adjust(String chargeId, long refundPendingDelta, long refundedDelta, long feeRefundedDelta, long disputedDelta) {
        charges.adjustRefundsAndDisputes(chargeId, refundPendingDelta, refundedDelta, feeRefundedDelta, disputedDelta);
        Charge after = charges.findById(chargeId, false).orElseThrow();
        Charge.Accounting a = after.accounting();
        if (a.amountRefundPending() < 0 || after.amountRefunded() < 0 || a.amountDisputed() < 0 || a.feeRefunded() < 0
                || a.feeRefunded() > a.fee()
                || after.amountRefunded() + a.amountRefundPending() > after.amountCaptured()) {
            throw new IllegalStateException("charge " + chargeId + " would refund more than was captured: " + a
                    + ", refunded " + after.amountRefunded() + " of " + after.amountCaptured());
        }
        return after;
    }
}

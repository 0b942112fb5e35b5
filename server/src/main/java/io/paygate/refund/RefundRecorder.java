package io.paygate.refund;

import io.paygate.connector.spi.RefundOutcome;
import io.paygate.event.EventLog;
import io.paygate.ledger.Ledger;
import io.paygate.payment.Charge;
import io.paygate.payment.ChargeBook;
import io.paygate.payment.PaymentViews;
import io.paygate.payment.ReconcilerSettings;
import io.paygate.platform.web.CallContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies processor answers to refunds, one transaction each, with the charge locked: a refund
 * that succeeds settles on the charge; one that fails or is canceled gives the money back to the
 * merchant through a reversing ledger entry. A refund can fail after it succeeded (the customer's
 * bank returned it), which is reversed the same way. Late answers never move a refund backwards.
 */
@Component
class RefundRecorder {

    private static final Logger log = LoggerFactory.getLogger(RefundRecorder.class);
    private static final long MAX_BACKOFF_MS = 60_000;

    private final RefundRepository refunds;
    private final ChargeBook charges;
    private final Ledger ledger;
    private final EventLog events;
    private final Clock clock;
    private final ReconcilerSettings settings;

    RefundRecorder(RefundRepository refunds, ChargeBook charges, Ledger ledger, EventLog events, Clock clock,
                   ReconcilerSettings settings) {
        this.refunds = refunds;
        this.charges = charges;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    @Transactional
    public Refund apply(CallContext ctx, String refundId, RefundOutcome outcome) {
        Refund refund = refunds.findById(refundId, false).orElseThrow();
        Charge charge = charges.lock(ctx, refund.chargeId(), "charge");
        refund = refunds.findById(refundId, true).orElseThrow();
        long now = clock.millis();
        return switch (outcome) {
            case RefundOutcome.Succeeded s -> succeeded(ctx, refund, charge, s.reference(), now);
            case RefundOutcome.Pending p -> pending(refund, p.reference(), now);
            case RefundOutcome.Failed f -> failed(ctx, refund, charge, f.reference(), f.code(), now);
            case RefundOutcome.Canceled c -> canceled(ctx, refund, charge, c.reference(), now);
            case RefundOutcome.NotFound n -> unknown(refund, "processor has no record of it", now);
            case RefundOutcome.Unknown u -> unknown(refund, u.reason(), now);
        };
    }

    private Refund succeeded(CallContext ctx, Refund refund, Charge charge, String reference, long now) {
        if (!refund.state().isOpen()) {
            return stale(refund, "succeeded");
        }
        Refund done = refund.with(RefundState.SUCCEEDED, null, null, reference, refund.checkCount());
        refunds.update(done, now, null);
        Charge after = charges.adjust(charge.id(), -refund.amount(), refund.amount(), refund.feeReversed(), 0);
        events.record(ctx, "refund.updated", done.render(), java.util.Map.of("status", refund.state().wireStatus()));
        events.record(ctx, "charge.refunded", PaymentViews.charge(after), null);
        return done;
    }

    private Refund pending(Refund refund, String reference, long now) {
        if (!refund.state().isOpen()) {
            return stale(refund, "pending");
        }
        Refund waiting = refund.with(RefundState.PENDING, null, null, reference, refund.checkCount() + 1);
        refunds.update(waiting, now, now + settings.pendingPollMs());
        return waiting;
    }

    private Refund failed(CallContext ctx, Refund refund, Charge charge, String reference, String code, long now) {
        if (refund.state() == RefundState.FAILED || refund.state() == RefundState.CANCELED) {
            return stale(refund, "failed");
        }
        boolean wasSettled = refund.state() == RefundState.SUCCEEDED;
        String failureReason = "refund_failed".equals(code) || "declined".equals(code) ? "declined" : "unknown";
        String reversal = ledger.recordRefundReversal(refund.id(), charge.ledgerView(), refund.amount(), refund.feeReversed(),
                "Refund failure");
        Refund done = refund.with(RefundState.FAILED, failureReason, reversal, reference, refund.checkCount());
        refunds.update(done, now, null);
        if (wasSettled) {
            charges.adjust(charge.id(), 0, -refund.amount(), -refund.feeReversed(), 0);
        } else {
            charges.adjust(charge.id(), -refund.amount(), 0, 0, 0);
        }
        events.record(ctx, "refund.failed", done.render(), null);
        events.record(ctx, "refund.updated", done.render(), java.util.Map.of("status", refund.state().wireStatus()));
        return done;
    }

    private Refund canceled(CallContext ctx, Refund refund, Charge charge, String reference, long now) {
        if (!refund.state().isOpen()) {
            return stale(refund, "canceled");
        }
        String reversal = ledger.recordRefundReversal(refund.id(), charge.ledgerView(), refund.amount(), refund.feeReversed(),
                "Refund canceled");
        Refund done = refund.with(RefundState.CANCELED, null, reversal, reference, refund.checkCount());
        refunds.update(done, now, null);
        charges.adjust(charge.id(), -refund.amount(), 0, 0, 0);
        events.record(ctx, "refund.updated", done.render(), java.util.Map.of("status", refund.state().wireStatus()));
        return done;
    }

    private Refund unknown(Refund refund, String reason, long now) {
        if (!refund.state().isOpen()) {
            return refund;
        }
        int checks = refund.checkCount() + 1;
        long delay = Math.min(MAX_BACKOFF_MS, settings.unknownRetryMs() * (1L << Math.min(10, checks - 1)));
        Refund waiting = refund.with(refund.state() == RefundState.SENT ? RefundState.UNKNOWN : refund.state(), null, null,
                null, checks);
        refunds.update(waiting, now, now + delay);
        log.warn("Outcome of refund {} is unknown ({}); asking the processor again in {} ms", refund.id(), reason, delay);
        return waiting;
    }

    private static Refund stale(Refund refund, String answer) {
        log.info("Ignoring a stale processor answer ({}) for refund {} already {}", answer, refund.id(), refund.state());
        return refund;
    }
}

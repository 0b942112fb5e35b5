package io.paygate.payment;

import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.event.EventLog;
import io.paygate.ledger.Ledger;
import io.paygate.paymentmethod.PaymentMethodService;
import io.paygate.platform.web.CallContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place where processor answers change payments. Each answer is applied in one
 * transaction that locks the charge and its intent, moves them through the transition table and
 * writes the events. An answer about an attempt that is no longer unresolved is stale: it is
 * logged and ignored, so late, repeated or reordered answers never move a payment backwards.
 */
@Component
class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final long MAX_BACKOFF_MS = 60_000;

    private final ChargeRepository charges;
    private final PaymentIntentRepository intents;
    private final ProcessorOperationRepository operations;
    private final PaymentMethodService paymentMethods;
    private final EventLog events;
    private final Clock clock;
    private final ReconcilerSettings settings;
    private final Ledger ledger;

    OutcomeRecorder(ChargeRepository charges, PaymentIntentRepository intents, ProcessorOperationRepository operations,
                    PaymentMethodService paymentMethods, EventLog events, Clock clock, ReconcilerSettings settings,
                    Ledger ledger) {
        this.charges = charges;
        this.intents = intents;
        this.operations = operations;
        this.paymentMethods = paymentMethods;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.ledger = ledger;
    }

    /**
     * The intent and charge after an answer was applied (or found stale), with the intent's attempts
     * as they now stand when the answer's transaction had them at hand ({@code null} otherwise).
     */
    record Applied(PaymentIntent intent, Charge charge, List<Charge> attempts) {
        Applied(PaymentIntent intent, Charge charge) {
            this(intent, charge, null);
        }
    }

    @Transactional
    public Applied applyAuthorization(CallContext ctx, String chargeId, ProcessorOutcome outcome) {
        PaymentIntentRepository.ChargeAndIntent locked = intents.lockWithCharge(chargeId, charges).orElseThrow();
        Charge charge = locked.charge();
        PaymentIntent intent = locked.intent();
        if (!charge.processorState().isUnresolved()) {
            log.info("Ignoring a stale processor answer ({}) for charge {} already {}", outcome.getClass().getSimpleName(),
                    charge.id(), charge.processorState());
            return new Applied(intent, charge);
        }
        long now = clock.millis();
        return switch (outcome) {
            case ProcessorOutcome.Approved approved -> approve(ctx, intent, charge, approved, now);
            case ProcessorOutcome.Declined declined -> decline(ctx, intent, charge, declined.reference(), declined.code(),
                    declined.declineCode(), declined.message(), now);
            case ProcessorOutcome.ActionRequired action -> requireAction(ctx, intent, charge, action, now);
            case ProcessorOutcome.Pending pending -> pending(ctx, intent, charge, pending.reference(), now);
            case ProcessorOutcome.Voided voided -> decline(ctx, intent, charge, voided.reference(), "processing_error", null,
                    "The payment could not be completed with the processor. No money was taken; try again.", now);
            case ProcessorOutcome.Unknown unknown -> unknown(intent, charge, unknown.reason(), now);
            case ProcessorOutcome.NotFound notFound -> unknown(intent, charge, "processor has no record yet", now);
        };
    }

    private Applied approve(CallContext ctx, PaymentIntent intent, Charge charge, ProcessorOutcome.Approved approved, long now) {
        boolean captured = approved.captured();
        Charge updated = recordInLedger(charge.resolved(Charge.SUCCEEDED,
                captured ? ProcessorState.CAPTURED : ProcessorState.AUTHORIZED, approved.capturedMinor(), approved.reference(),
                null, null, null, null, now, null, charge.checkCount()), approved);
        if (!intentStillAwaits(intent, charge)) {
            log.error("Processor approved charge {} but its payment intent {} is {}; the authorization needs review",
                    charge.id(), intent.id(), intent.status());
            return new Applied(intent, updated);
        }
        PaymentIntent next = intent.with(b -> {
            b.status = captured ? PaymentIntentStatus.SUCCEEDED : PaymentIntentStatus.REQUIRES_CAPTURE;
            b.amountReceived = captured ? approved.capturedMinor() : 0;
            b.amountCapturable = captured ? 0 : approved.authorizedMinor();
            b.nextAction = null;
            b.lastPaymentError = null;
        });
        intents.update(next);
        paymentMethods.recordCvcCheck(ctx, charge.paymentMethodId(), "pass");
        if (next.setupFutureUsage() != null && next.customerId() != null) {
            paymentMethods.attachIfUnattached(ctx, charge.paymentMethodId(), next.customerId());
        }
        List<Charge> attempts = attemptsWith(updated);
        events.record(ctx, "charge.succeeded", PaymentViews.charge(updated), null);
        events.record(ctx, captured ? "payment_intent.succeeded" : "payment_intent.amount_capturable_updated",
                PaymentViews.intent(next, attempts), null);
        return new Applied(next, updated, attempts);
    }

    /**
     * The ledger follows the processor: a capture posts the money and the fee, an authorization holds
     * it. The answer resolves an attempt still unresolved, so nothing was held for it before. Saves
     * the resolved charge, with the capture's fee and balance transaction when there was one.
     */
    private Charge recordInLedger(Charge charge, ProcessorOutcome.Approved approved) {
        if (!approved.captured()) {
            charges.update(charge);
            ledger.holdAuthorization(new Ledger.ChargeMoney(charge.id(), charge.merchantId(), charge.livemode(),
                    charge.connectorAccountId(), charge.ledgerView().paymentMethodType(),
                    io.paygate.connector.spi.Money.of(approved.authorizedMinor(), charge.currency())));
            return charge;
        }
        Ledger.Captured captured = ledger.recordSale(charge.ledgerView(), approved.capturedMinor(), charge.description());
        Charge accounted = charge.withCaptureAccounting(captured.fee(), captured.balanceTransactionId());
        charges.updateCaptured(accounted);
        return accounted;
    }

    /**
     * The intent's attempts once {@code latest}, its newest, is saved: a first attempt is the only
     * one, so it needs no read.
     */
    private List<Charge> attemptsWith(Charge latest) {
        return latest.attemptNumber() == 1 ? List.of(latest) : charges.forIntent(latest.paymentIntentId());
    }

    Applied decline(CallContext ctx, PaymentIntent intent, Charge charge, String reference, String code, String declineCode,
                    String message, long now) {
        Charge updated = charge.resolved(Charge.FAILED, ProcessorState.DECLINED, 0, reference, code, message, declineCode,
                null, now, null, charge.checkCount());
        charges.update(updated);
        if (!intentStillAwaits(intent, charge)) {
            return new Applied(intent, updated);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("charge", charge.id());
        error.put("code", code);
        error.put("decline_code", declineCode);
        error.put("doc_url", null);
        error.put("message", message);
        error.put("payment_method", paymentMethods.get(ctx, charge.paymentMethodId()).render());
        error.put("type", "card_error");
        PaymentIntent next = intent.with(b -> {
            b.status = PaymentIntentStatus.REQUIRES_PAYMENT_METHOD;
            b.lastPaymentError = error;
            b.nextAction = null;
            b.amountCapturable = 0;
        });
        intents.update(next);
        if ("incorrect_cvc".equals(code)) {
            paymentMethods.recordCvcCheck(ctx, charge.paymentMethodId(), "fail");
        }
        List<Charge> attempts = attemptsWith(updated);
        events.record(ctx, "charge.failed", PaymentViews.charge(updated), null);
        events.record(ctx, "payment_intent.payment_failed", PaymentViews.intent(next, attempts), null);
        return new Applied(next, updated, attempts);
    }

    private Applied requireAction(CallContext ctx, PaymentIntent intent, Charge charge, ProcessorOutcome.ActionRequired action,
                                  long now) {
        boolean first = charge.processorState() != ProcessorState.ACTION_REQUIRED;
        Charge updated = charge.rescheduled(ProcessorState.ACTION_REQUIRED, action.reference(), action.redirectUrl().toString(),
                now, now + settings.actionPollMs(), first ? 0 : charge.checkCount() + 1);
        charges.update(updated);
        if (!first || !intentStillAwaits(intent, charge)) {
            return new Applied(intent, updated);
        }
        Map<String, Object> redirect = new LinkedHashMap<>();
        redirect.put("return_url", intent.returnUrl());
        redirect.put("url", action.redirectUrl().toString());
        Map<String, Object> nextAction = new LinkedHashMap<>();
        nextAction.put("redirect_to_url", redirect);
        nextAction.put("type", "redirect_to_url");
        PaymentIntent next = intent.with(b -> {
            b.status = PaymentIntentStatus.REQUIRES_ACTION;
            b.nextAction = nextAction;
        });
        intents.update(next);
        List<Charge> attempts = attemptsWith(updated);
        events.record(ctx, "payment_intent.requires_action", PaymentViews.intent(next, attempts), null);
        return new Applied(next, updated, attempts);
    }

    private Applied pending(CallContext ctx, PaymentIntent intent, Charge charge, String reference, long now) {
        boolean first = charge.processorState() != ProcessorState.PENDING;
        Charge updated = charge.rescheduled(ProcessorState.PENDING, reference, null, now, now + settings.pendingPollMs(),
                first ? 0 : charge.checkCount() + 1);
        charges.update(updated);
        if (first && intent.status() == PaymentIntentStatus.PROCESSING) {
            events.record(ctx, "charge.pending", PaymentViews.charge(updated), null);
            events.record(ctx, "payment_intent.processing", PaymentViews.intent(intent, charges.forIntent(intent.id())), null);
        }
        return new Applied(intent, updated);
    }

    private Applied unknown(PaymentIntent intent, Charge charge, String reason, long now) {
        int checks = charge.checkCount() + 1;
        long delay = Math.min(MAX_BACKOFF_MS, settings.unknownRetryMs() * (1L << Math.min(10, checks - 1)));
        Charge updated = charge.rescheduled(charge.processorState() == ProcessorState.SENT ? ProcessorState.UNKNOWN
                : charge.processorState(), null, charge.redirectUrl(), now, now + delay, checks);
        charges.update(updated);
        log.warn("Outcome of charge {} is unknown ({}); asking the processor again in {} ms", charge.id(), reason, delay);
        return new Applied(intent, updated);
    }

    /** A charge answer only moves the intent when this charge is still the one the intent waits on. */
    private static boolean intentStillAwaits(PaymentIntent intent, Charge charge) {
        if (!charge.id().equals(intent.latestChargeId())) {
            return false;
        }
        return switch (intent.status()) {
            case PROCESSING, REQUIRES_ACTION -> true;
            case REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_CAPTURE, SUCCEEDED, CANCELED -> false;
        };
    }
}

package io.paygate.simulator;

import java.util.Objects;

/**
 * One row of {@code sim_payments}: the simulator's own record of a payment, keyed for its client
 * by (account, idempotency key). Besides the current state it holds the plan made on receipt
 * ({@code plannedStatus}, the decline a failure ends with, the page or asynchronous wait), so
 * whoever moves it on (the request, a page, the resolver after a crash) reaches the same outcome.
 * Transitions return a new value; the repository applies them with a compare-and-set on status.
 *
 * <p>{@code aftermath} and the dispute timings are fixed on receipt too: what refunds of the payment
 * do and whether it is disputed once captured. Capturing a disputing payment sets
 * {@code disputeAtMs}, when the resolver opens its dispute. {@code amountRefunded} (refunds pending or
 * succeeded) is only read here: refunds change it with their own conditional update.
 */
public record SimPayment(String id, String accountId, String idempotencyKey, String reference, long amount,
                         String currency, boolean capture, String instrumentType, String instrumentLabel,
                         SimStatus status, SimStatus plannedStatus, long amountAuthorized, long amountCaptured,
                         Decline decline, ActionKind actionKind, boolean actionSucceeds, String returnUrl,
                         Long resolveAtMs, long createdMs, long updatedMs, long amountRefunded, Aftermath aftermath,
                         long disputeDelayMs, long disputeDecisionMs, Long disputeAtMs) {

    public SimPayment {
        Objects.requireNonNull(aftermath, "aftermath");
    }

    /** The currency code of a void tombstone, which never held money (ISO 4217's "no currency"). */
    static final String NO_CURRENCY = "xxx";
    static final String NO_INSTRUMENT = "none";

    /** What the customer did on a 3-D Secure or bank page; the resolver always goes ahead. */
    public enum Choice {
        PROCEED,
        ABANDON
    }

    /** A payment just accepted: {@code received}, with its plan, due to settle at {@code resolveAtMs}. */
    public static SimPayment received(String id, NewPayment request, Plan plan, Aftermath aftermath, long now,
                                      long resolveAtMs) {
        SimStatus planned = switch (plan) {
            case Plan.Approve approve -> request.capture() ? SimStatus.CAPTURED : SimStatus.AUTHORIZED;
            case Plan.Refuse refuse -> SimStatus.DECLINED;
            case Plan.Challenge challenge -> SimStatus.REQUIRES_ACTION;
            case Plan.Async async -> SimStatus.PENDING;
        };
        Decline decline = switch (plan) {
            case Plan.Approve approve -> null;
            case Plan.Refuse refuse -> refuse.decline();
            case Plan.Challenge challenge -> challenge.failure();
            case Plan.Async async -> async.failure();
        };
        ActionKind kind = switch (plan) {
            case Plan.Approve approve -> null;
            case Plan.Refuse refuse -> null;
            case Plan.Challenge challenge -> challenge.kind();
            case Plan.Async async -> ActionKind.ASYNC;
        };
        boolean succeeds = switch (plan) {
            case Plan.Approve approve -> true;
            case Plan.Refuse refuse -> false;
            case Plan.Challenge challenge -> challenge.succeeds();
            case Plan.Async async -> async.succeeds();
        };
        return new SimPayment(id, request.accountId(), request.idempotencyKey(), request.reference(),
                request.amount(), request.currency(), request.capture(), request.instrument().type(),
                request.instrument().label(), SimStatus.RECEIVED, planned, 0, 0, decline, kind, succeeds,
                request.returnUrl(), resolveAtMs, now, now, 0, aftermath, request.simulation().disputeDelayMs(),
                request.simulation().disputeDecisionMs(), null);
    }

    /**
     * A void for a key the simulator never saw: a voided row that holds no money, so that an
     * authorization arriving later with that key is refused instead of charged.
     */
    public static SimPayment tombstone(String id, String accountId, String idempotencyKey, long now) {
        return new SimPayment(id, accountId, idempotencyKey, null, 0, NO_CURRENCY, false, NO_INSTRUMENT, null,
                SimStatus.VOIDED, SimStatus.VOIDED, 0, 0, null, null, false, null, null, now, now, 0, Aftermath.ORDINARY,
                0, 0, null);
    }

    /**
     * The state the plan leads to once the processing time is over. A payment going pending waits
     * {@code asyncDelayMs} more for its asynchronous answer.
     */
    public SimPayment afterReceipt(long now, long asyncDelayMs) {
        return switch (plannedStatus) {
            case AUTHORIZED, CAPTURED -> approved(now);
            case DECLINED -> declined(decline, now);
            case PENDING -> with(SimStatus.PENDING, 0, 0, decline, now + asyncDelayMs, now);
            case REQUIRES_ACTION -> with(SimStatus.REQUIRES_ACTION, 0, 0, decline, null, now);
            case RECEIVED, VOIDED -> throw new IllegalStateException("a payment cannot be planned to end " + plannedStatus);
        };
    }

    /** The outcome of a page action or of an asynchronous answer arriving. */
    public SimPayment afterAction(Choice choice, long now) {
        Decline failure = decline == null ? Decline.GENERIC : decline;
        return switch (choice) {
            case PROCEED -> actionSucceeds ? approved(now) : declined(failure, now);
            case ABANDON -> declined(actionKind == ActionKind.BANK ? Decline.BANK_CANCELED : failure, now);
        };
    }

    /** Captures {@code amountMinor} of the authorization; the rest is released. */
    public SimPayment captured(long amountMinor, long now) {
        return with(SimStatus.CAPTURED, amountAuthorized, amountMinor, decline, null, now);
    }

    public SimPayment voided(long now) {
        return with(SimStatus.VOIDED, amountAuthorized, amountCaptured, decline, null, now);
    }

    public boolean isTombstone() {
        return NO_INSTRUMENT.equals(instrumentType);
    }

    /** The bank code of a net banking payment, for its page. */
    public String bank() {
        return instrumentLabel != null && instrumentLabel.startsWith(SimInstrument.NetBanking.LABEL_PREFIX)
                ? instrumentLabel.substring(SimInstrument.NetBanking.LABEL_PREFIX.length())
                : instrumentLabel;
    }

    private SimPayment approved(long now) {
        return with(capture ? SimStatus.CAPTURED : SimStatus.AUTHORIZED, amount, capture ? amount : 0, null, null, now);
    }

    private SimPayment declined(Decline reason, long now) {
        return with(SimStatus.DECLINED, 0, 0, reason, null, now);
    }

    /** A payment that disputes is due for its dispute {@code disputeDelayMs} after it is captured. */
    private SimPayment with(SimStatus next, long authorized, long captured, Decline reason, Long resolveAt, long now) {
        boolean capturedNow = next == SimStatus.CAPTURED && status != SimStatus.CAPTURED;
        Long disputeAt = capturedNow && aftermath.dispute() != DisputeBehaviour.NONE
                ? Long.valueOf(now + disputeDelayMs) : disputeAtMs;
        return new SimPayment(id, accountId, idempotencyKey, reference, amount, currency, capture, instrumentType,
                instrumentLabel, next, plannedStatus, authorized, captured, reason, actionKind, actionSucceeds,
                returnUrl, resolveAt, createdMs, now, amountRefunded, aftermath, disputeDelayMs, disputeDecisionMs,
                disputeAt);
    }

    /** What can still be refunded: the amount captured less refunds pending or succeeded. */
    public long refundable() {
        return amountCaptured - amountRefunded;
    }
}

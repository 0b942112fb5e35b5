package io.paygate.simulator;

import java.util.Objects;

/**
 * One row of {@code sim_refunds}, keyed for its client by (account, idempotency key). Like a
 * payment it holds its plan: a refund of one of the asynchronous test cards answers at once and
 * moves to {@code plannedStatus} at {@code resolveAtMs}, whoever gets there (the resolver, also
 * after a restart). Transitions return a new value; the repository applies them with a
 * compare-and-set on status.
 */
public record SimRefund(String id, String accountId, String idempotencyKey, String paymentId, String paymentKey,
                        long amount, String currency, String reason, SimRefundStatus status,
                        SimRefundStatus plannedStatus, Failure failure, Long resolveAtMs, long createdMs,
                        long updatedMs) {

    /** Why a refund failed, in Stripe's words. */
    public record Failure(String code, String message) {
        public static final Failure REFUND_FAILED = new Failure("refund_failed",
                "The customer's bank could not process the refund.");

        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    public SimRefund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        if ((plannedStatus == null) != (resolveAtMs == null)) {
            throw new IllegalArgumentException("a refund has a planned status exactly when it is due to move");
        }
    }

    /**
     * A refund just accepted for {@code payment}: its first state and, for the asynchronous test
     * cards, where it goes {@code delayMs} later.
     */
    public static SimRefund accepted(String id, NewRefund request, SimPayment payment, long now, long delayMs) {
        SimRefundStatus first = switch (payment.aftermath().refunds()) {
            case SUCCEEDS, FAILS_LATER -> SimRefundStatus.SUCCEEDED;
            case PENDING_FIRST -> SimRefundStatus.PENDING;
        };
        SimRefundStatus planned = switch (payment.aftermath().refunds()) {
            case SUCCEEDS -> null;
            case FAILS_LATER -> SimRefundStatus.FAILED;
            case PENDING_FIRST -> SimRefundStatus.SUCCEEDED;
        };
        return new SimRefund(id, request.accountId(), request.idempotencyKey(), payment.id(), payment.idempotencyKey(),
                request.amount(), payment.currency(), request.reason(), first, planned, null,
                planned == null ? null : now + delayMs, now, now);
    }

    /** The planned state, reached once the delay is over. */
    public SimRefund resolved(long now) {
        if (plannedStatus == null) {
            throw new IllegalStateException("refund " + id + " has nothing planned");
        }
        return with(plannedStatus, plannedStatus == SimRefundStatus.FAILED ? Failure.REFUND_FAILED : null, now);
    }

    public SimRefund canceled(long now) {
        return with(SimRefundStatus.CANCELED, null, now);
    }

    private SimRefund with(SimRefundStatus next, Failure why, long now) {
        return new SimRefund(id, accountId, idempotencyKey, paymentId, paymentKey, amount, currency, reason, next,
                null, why, null, createdMs, now);
    }
}

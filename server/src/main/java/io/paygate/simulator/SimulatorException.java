package io.paygate.simulator;

/** A refusal the simulator's API answers as {@code {"error":{"code":…,"message":…}}} with an HTTP status. */
public class SimulatorException extends RuntimeException {

    private final int status;
    private final String code;

    public SimulatorException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static SimulatorException invalidRequest(String message) {
        return new SimulatorException(400, "invalid_request", message);
    }

    public static SimulatorException missing(String idempotencyKey) {
        return new SimulatorException(404, "resource_missing", "No payment with idempotency key '" + idempotencyKey + "'.");
    }

    public static SimulatorException alreadyCaptured() {
        return new SimulatorException(400, "already_captured", "The payment has already been captured.");
    }

    public static SimulatorException voided() {
        return new SimulatorException(400, "payment_voided", "The payment has been voided.");
    }

    public static SimulatorException invalidState(SimStatus status) {
        return new SimulatorException(400, "invalid_state", "The payment is " + status.wireName()
                + " and cannot be captured.");
    }

    public static SimulatorException amountTooLarge(long requested, long authorized) {
        return new SimulatorException(400, "amount_too_large", "The capture amount " + requested
                + " is larger than the authorized amount " + authorized + ".");
    }

    public static SimulatorException missingRefund(String idempotencyKey) {
        return new SimulatorException(404, "resource_missing", "No refund with idempotency key '" + idempotencyKey + "'.");
    }

    public static SimulatorException missingDispute(String id) {
        return new SimulatorException(404, "resource_missing", "No dispute '" + id + "'.");
    }

    public static SimulatorException notRefundable(SimStatus status) {
        return new SimulatorException(400, "invalid_state", "The payment is " + status.wireName()
                + " and cannot be refunded; only captured payments can.");
    }

    public static SimulatorException refundTooLarge(long requested, long refundable) {
        return new SimulatorException(400, "amount_too_large", "The refund amount " + requested
                + " is larger than the amount left to refund, " + refundable + ".");
    }

    public static SimulatorException refundNotCancelable(SimRefundStatus status) {
        return new SimulatorException(400, "refund_not_cancelable", "The refund is " + status.wireName()
                + "; only a pending refund can be canceled.");
    }

    public static SimulatorException disputeClosed(SimDisputeStatus status) {
        return new SimulatorException(400, "dispute_closed", "The dispute is closed (" + status.wireName() + ").");
    }

    public static SimulatorException disputeUnderReview(SimDisputeStatus status) {
        return new SimulatorException(400, "dispute_under_review", "The dispute's evidence was submitted and is "
                + "under review (" + status.wireName() + "); it can no longer be changed.");
    }

    /** An idempotency key sent again for a different request than the one it was first used for. */
    public static SimulatorException keyReused() {
        return new SimulatorException(400, "idempotency_key_reused",
                "This idempotency key was already used for a different request.");
    }
}

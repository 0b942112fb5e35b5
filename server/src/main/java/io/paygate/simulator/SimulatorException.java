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
}

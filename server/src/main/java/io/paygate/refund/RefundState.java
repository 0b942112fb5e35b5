package io.paygate.refund;

/** Where a refund stands at the processor. SENT (written before the call) and UNKNOWN are chased by the reconciler. */
public enum RefundState {
    SENT, UNKNOWN, PENDING, SUCCEEDED, FAILED, CANCELED;

    /** Money is still on its way out: the refund is counted against the charge but not settled. */
    public boolean isOpen() {
        return switch (this) {
            case SENT, UNKNOWN, PENDING -> true;
            case SUCCEEDED, FAILED, CANCELED -> false;
        };
    }

    public String wireStatus() {
        return switch (this) {
            case SENT, UNKNOWN, PENDING -> "pending";
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case CANCELED -> "canceled";
        };
    }
}

package io.paygate.payment;

/**
 * Where an authorization stands at the processor, as far as Paygate knows. SENT is written before
 * the call (write-ahead); UNKNOWN means the call gave no usable answer. Both, with PENDING and
 * ACTION_REQUIRED, are unresolved: the reconciler asks the processor about them.
 */
public enum ProcessorState {
    SENT, UNKNOWN, PENDING, ACTION_REQUIRED, AUTHORIZED, CAPTURED, DECLINED, VOIDED;

    public boolean isUnresolved() {
        return switch (this) {
            case SENT, UNKNOWN, PENDING, ACTION_REQUIRED -> true;
            case AUTHORIZED, CAPTURED, DECLINED, VOIDED -> false;
        };
    }

    /** Money is held or taken at the processor. */
    public boolean holdsFunds() {
        return switch (this) {
            case AUTHORIZED, CAPTURED -> true;
            case SENT, UNKNOWN, PENDING, ACTION_REQUIRED, DECLINED, VOIDED -> false;
        };
    }
}

package io.paygate.simulator;

import java.util.Locale;

/** The life of a simulator payment, as the simulator's API names it. */
public enum SimStatus {
    /** Accepted and still inside the simulated processing time; nothing is final yet. */
    RECEIVED,
    /** Waiting for an asynchronous answer (UPI): the resolver finishes it. */
    PENDING,
    /** Waiting for the customer on a 3-D Secure or bank page. */
    REQUIRES_ACTION,
    AUTHORIZED,
    CAPTURED,
    DECLINED,
    VOIDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SimStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** True once the payment can no longer move without a capture or void from the client. */
    public boolean isSettled() {
        return switch (this) {
            case RECEIVED, PENDING, REQUIRES_ACTION -> false;
            case AUTHORIZED, CAPTURED, DECLINED, VOIDED -> true;
        };
    }
}

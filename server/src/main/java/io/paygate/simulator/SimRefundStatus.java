package io.paygate.simulator;

import java.util.Locale;

/** The life of a simulator refund, with Stripe's names. */
public enum SimRefundStatus {
    /** Accepted; the money has not gone back yet. Only a pending refund can be canceled. */
    PENDING,
    SUCCEEDED,
    /** The money stayed with the merchant (the customer's bank could not take it). */
    FAILED,
    CANCELED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SimRefundStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** True while the refund counts against the payment's captured amount. */
    public boolean holdsMoney() {
        return switch (this) {
            case PENDING, SUCCEEDED -> true;
            case FAILED, CANCELED -> false;
        };
    }
}

package io.paygate.simulator;

import java.util.Locale;

/** Where one of the simulator's webhook events is on its way to the account's endpoint. */
public enum SimDeliveryStatus {
    /** Waiting for its (next) attempt, or for the account to register an endpoint. */
    PENDING,
    /** Taken up by a sender, which holds it until its lease ends. */
    SENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Every attempt failed; it is not sent again. */
    DEAD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SimDeliveryStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

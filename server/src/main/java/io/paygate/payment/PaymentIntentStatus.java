package io.paygate.payment;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A payment intent's status and the one table of transitions between them. Every status change
 * goes through {@link #canMoveTo}; a new status must be added here, and the exhaustive switches
 * over this enum elsewhere stop compiling until they handle it.
 */
public enum PaymentIntentStatus {
    REQUIRES_PAYMENT_METHOD,
    REQUIRES_CONFIRMATION,
    REQUIRES_ACTION,
    PROCESSING,
    REQUIRES_CAPTURE,
    SUCCEEDED,
    CANCELED;

    private static final Map<PaymentIntentStatus, Set<PaymentIntentStatus>> ALLOWED = Map.of(
            REQUIRES_PAYMENT_METHOD, EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, PROCESSING, CANCELED),
            REQUIRES_CONFIRMATION, EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, PROCESSING, CANCELED),
            // A confirmation is PROCESSING while Paygate waits for the processor; the answer moves it on.
            PROCESSING, EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_ACTION, REQUIRES_CAPTURE, SUCCEEDED, CANCELED),
            REQUIRES_ACTION, EnumSet.of(REQUIRES_PAYMENT_METHOD, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED),
            // A capture whose answer was lost leaves the intent PROCESSING until the reconciler knows.
            REQUIRES_CAPTURE, EnumSet.of(PROCESSING, SUCCEEDED, CANCELED),
            SUCCEEDED, EnumSet.noneOf(PaymentIntentStatus.class),
            CANCELED, EnumSet.noneOf(PaymentIntentStatus.class));

    public boolean canMoveTo(PaymentIntentStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    public boolean isTerminal() {
        return ALLOWED.get(this).isEmpty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentIntentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Statuses from which a confirmation may start. */
    public boolean isConfirmable() {
        return switch (this) {
            case REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION -> true;
            case REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED -> false;
        };
    }

    /** Statuses in which the merchant may still change amount, currency, payment method and the like. */
    public boolean isUpdatable() {
        return isConfirmable();
    }
}

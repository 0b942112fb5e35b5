package io.paygate.simulator;

/**
 * How refunds of a payment behave, decided by its instrument on receipt (Stripe's refund test
 * cards) and stored in {@code sim_payments.refund_behaviour}, never the card number.
 */
public enum RefundBehaviour {
    /** Succeeds at once. */
    SUCCEEDS("succeeds"),
    /** Answers {@code succeeded}, then fails after the refund delay (Stripe's 4000000000005126). */
    FAILS_LATER("fails_later"),
    /** Answers {@code pending}, then succeeds after the refund delay (Stripe's 4000000000007726). */
    PENDING_FIRST("pending_first");

    private final String column;

    RefundBehaviour(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** Rows written before refunds existed have no value: they refund like any card. */
    public static RefundBehaviour fromColumn(String value) {
        if (value == null) {
            return SUCCEEDS;
        }
        for (RefundBehaviour behaviour : values()) {
            if (behaviour.column.equals(value)) {
                return behaviour;
            }
        }
        throw new IllegalArgumentException("unknown refund behaviour " + value);
    }
}

package io.paygate.simulator;

/**
 * Whether the processor disputes a payment once it is captured, decided by its instrument on
 * receipt and stored in {@code sim_payments.dispute_behaviour}.
 */
public enum DisputeBehaviour {
    NONE("none"),
    /** A chargeback for fraud (Stripe's 4000000000000259): {@code needs_response}. */
    CHARGEBACK("chargeback"),
    /** An inquiry, a warning before any money moves (Stripe's 4000000000001976): {@code warning_needs_response}. */
    INQUIRY("inquiry");

    private final String column;

    DisputeBehaviour(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** Rows written before disputes existed have no value: they are never disputed. */
    public static DisputeBehaviour fromColumn(String value) {
        if (value == null) {
            return NONE;
        }
        for (DisputeBehaviour behaviour : values()) {
            if (behaviour.column.equals(value)) {
                return behaviour;
            }
        }
        throw new IllegalArgumentException("unknown dispute behaviour " + value);
    }
}

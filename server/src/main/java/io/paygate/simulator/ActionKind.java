package io.paygate.simulator;

/** What a payment waits for before it completes, stored in {@code sim_payments.action_kind}. */
public enum ActionKind {
    /** A 3-D Secure challenge page. */
    THREE_DS("3ds"),
    /** The bank's net banking page. */
    BANK("bank"),
    /** An answer that arrives later on its own (UPI collect requests). */
    ASYNC("async");

    private final String column;

    ActionKind(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static ActionKind fromColumn(String value) {
        if (value == null) {
            return null;
        }
        for (ActionKind kind : values()) {
            if (kind.column.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown action kind " + value);
    }
}

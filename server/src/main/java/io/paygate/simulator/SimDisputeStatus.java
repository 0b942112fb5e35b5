package io.paygate.simulator;

import java.util.Locale;

/**
 * Stripe's dispute statuses. The {@code warning_*} ones are an inquiry, which moves no money
 * unless it escalates into a chargeback ({@code needs_response}).
 */
public enum SimDisputeStatus {
    WARNING_NEEDS_RESPONSE,
    WARNING_UNDER_REVIEW,
    WARNING_CLOSED,
    NEEDS_RESPONSE,
    UNDER_REVIEW,
    WON,
    LOST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SimDisputeStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Where the dispute stands for its merchant. */
    public enum Stage {
        /** Evidence can be changed and submitted. */
        NEEDS_RESPONSE,
        /** Evidence was submitted; the issuer is deciding. */
        UNDER_REVIEW,
        /** Decided or accepted: nothing can change any more. */
        CLOSED
    }

    public Stage stage() {
        return switch (this) {
            case WARNING_NEEDS_RESPONSE, NEEDS_RESPONSE -> Stage.NEEDS_RESPONSE;
            case WARNING_UNDER_REVIEW, UNDER_REVIEW -> Stage.UNDER_REVIEW;
            case WARNING_CLOSED, WON, LOST -> Stage.CLOSED;
        };
    }
}

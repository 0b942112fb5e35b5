package io.paygate.simulator;

import java.util.Objects;

/**
 * What the simulator decides to do with a payment the moment it receives it. The plan is stored
 * with the {@code received} row, so the outcome is fixed before any simulated delay and survives a
 * crash.
 */
public sealed interface Plan {

    /** Approve at once: captured when the request asked to capture, otherwise authorized. */
    record Approve() implements Plan {
    }

    record Refuse(Decline decline) implements Plan {
        public Refuse {
            Objects.requireNonNull(decline, "decline");
        }
    }

    /**
     * Send the customer to a page first. {@code succeeds} says whether going ahead on the page
     * (completing 3-D Secure, paying at the bank) approves; otherwise, and when the 3-D Secure
     * challenge is failed, the payment ends with {@code failure}.
     */
    record Challenge(ActionKind kind, boolean succeeds, Decline failure) implements Plan {
        public Challenge {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Answer {@code pending}; the resolver later approves or ends with {@code failure}. */
    record Async(boolean succeeds, Decline failure) implements Plan {
    }
}

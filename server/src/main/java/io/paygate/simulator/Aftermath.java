package io.paygate.simulator;

import java.util.Objects;

/** What happens to a payment after capture: how its refunds behave and whether it gets disputed. */
public record Aftermath(RefundBehaviour refunds, DisputeBehaviour dispute) {

    public static final Aftermath ORDINARY = new Aftermath(RefundBehaviour.SUCCEEDS, DisputeBehaviour.NONE);

    public Aftermath {
        Objects.requireNonNull(refunds, "refunds");
        Objects.requireNonNull(dispute, "dispute");
    }
}

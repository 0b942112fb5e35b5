package io.paygate.simulator;

import java.util.Objects;

/**
 * A refund request as the simulator's API received it, already validated.
 *
 * @param currency null when the request did not name one; otherwise it must be the payment's
 * @param reason   Stripe's refund reason, or null
 */
public record NewRefund(String accountId, String idempotencyKey, String paymentKey, long amount, String currency,
                        String reason, Simulation simulation) {
    public NewRefund {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(paymentKey, "paymentKey");
        Objects.requireNonNull(simulation, "simulation");
    }
}

package io.paygate.simulator;

import java.util.Objects;

/** A payment request as the simulator's API received it, already validated. */
public record NewPayment(String accountId, String idempotencyKey, long amount, String currency, boolean capture,
                         String reference, String returnUrl, SimInstrument instrument, Simulation simulation) {
    public NewPayment {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(simulation, "simulation");
    }
}

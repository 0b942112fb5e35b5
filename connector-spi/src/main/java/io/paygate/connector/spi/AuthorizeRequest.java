package io.paygate.connector.spi;

import java.util.Objects;

/**
 * Ask the processor to authorize (and, when {@code capture} is set, capture at once) an amount.
 *
 * @param idempotencyKey  Paygate's id for this attempt; the processor must never charge twice for it
 * @param paymentReference the payment intent this attempt belongs to, shown at the processor
 * @param returnUrl       where the processor sends the customer back after a redirect
 */
public record AuthorizeRequest(String idempotencyKey, ConnectorAccount account, Money amount, boolean capture,
                               Instrument instrument, String paymentReference, String returnUrl,
                               RequestTrace trace) {
    public AuthorizeRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(trace, "trace");
    }
}

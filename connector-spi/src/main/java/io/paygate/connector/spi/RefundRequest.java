package io.paygate.connector.spi;

import java.util.Objects;

/**
 * Return part or all of a captured payment to the customer.
 *
 * @param idempotencyKey   Paygate's refund id; the processor must never refund twice for it
 * @param authorizationKey the idempotency key the payment was authorized with
 */
public record RefundRequest(String idempotencyKey, ConnectorAccount account, String authorizationKey,
                            String processorReference, Money amount, String reason, RequestTrace trace) {
    public RefundRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(authorizationKey, "authorizationKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(trace, "trace");
    }
}

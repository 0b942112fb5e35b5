package io.paygate.connector.spi;

import java.util.Objects;

/**
 * Release an authorization, or make sure one that the processor may not have received yet can
 * never be completed: the processor refuses any later request with {@code authorizationKey}.
 */
public record CancelRequest(String idempotencyKey, ConnectorAccount account, String authorizationKey,
                            String processorReference, RequestTrace trace) {
    public CancelRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(authorizationKey, "authorizationKey");
        Objects.requireNonNull(trace, "trace");
    }
}

package io.paygate.connector.spi;

import java.util.Objects;

/** Capture part or all of an authorization; the rest of the authorization is released. */
public record CaptureRequest(String idempotencyKey, ConnectorAccount account, String authorizationKey,
                             String processorReference, Money amount, RequestTrace trace) {
    public CaptureRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(authorizationKey, "authorizationKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(trace, "trace");
    }
}

package io.paygate.connector.spi;

import java.util.Objects;

/** Ask the processor what became of the authorization sent with {@code authorizationKey}. */
public record LookupRequest(ConnectorAccount account, String authorizationKey, RequestTrace trace) {
    public LookupRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(authorizationKey, "authorizationKey");
        Objects.requireNonNull(trace, "trace");
    }
}

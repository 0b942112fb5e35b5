package io.paygate.connector.spi;

import java.util.Objects;

/** Ask about, or cancel, the refund sent with {@code refundKey}. */
public record RefundLookupRequest(ConnectorAccount account, String refundKey, RequestTrace trace) {
    public RefundLookupRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(refundKey, "refundKey");
        Objects.requireNonNull(trace, "trace");
    }
}

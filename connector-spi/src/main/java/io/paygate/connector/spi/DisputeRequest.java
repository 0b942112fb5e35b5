package io.paygate.connector.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Look up a dispute, update its evidence (and submit it when {@code submit}), or accept it.
 * {@code idempotencyKey} is null for lookups.
 */
public record DisputeRequest(String idempotencyKey, ConnectorAccount account, String disputeReference,
                             Map<String, String> evidence, boolean submit, RequestTrace trace) {
    public DisputeRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(disputeReference, "disputeReference");
        Objects.requireNonNull(trace, "trace");
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }
}

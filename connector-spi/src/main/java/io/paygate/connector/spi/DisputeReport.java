package io.paygate.connector.spi;

import java.util.Objects;

/**
 * A dispute as the processor reports it.
 *
 * @param reference        the processor's id of the dispute
 * @param authorizationKey the idempotency key of the disputed payment's authorization
 * @param status           Stripe's dispute status: {@code warning_needs_response}, {@code warning_under_review},
 *                         {@code warning_closed}, {@code needs_response}, {@code under_review}, {@code won}, {@code lost}
 * @param reason           Stripe's dispute reason, such as {@code fraudulent} or {@code product_not_received}
 * @param evidenceDueBy    epoch seconds by which evidence must be submitted
 */
public record DisputeReport(String reference, String authorizationKey, Money amount, String status, String reason,
                            long evidenceDueBy, int submissionCount, long createdEpochSecond) {
    public DisputeReport {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(authorizationKey, "authorizationKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
    }
}

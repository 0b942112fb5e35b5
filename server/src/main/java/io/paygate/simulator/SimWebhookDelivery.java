package io.paygate.simulator;

import java.util.Objects;

/**
 * One row of {@code sim_webhook_deliveries}: an event the simulator owes an account, with the body it
 * sends (rendered when the change happened, as Stripe's events are snapshots).
 *
 * @param nextAttemptMs when a sender next takes it up (the end of the lease while sending); null once final
 */
public record SimWebhookDelivery(String id, String accountId, String type, String payload, SimDeliveryStatus status,
                                 int attempts, Long nextAttemptMs, String lastError, long created, long updatedMs) {

    public SimWebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
    }
}

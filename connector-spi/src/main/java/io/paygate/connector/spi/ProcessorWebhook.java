package io.paygate.connector.spi;

import java.util.Objects;

/**
 * A processor's webhook whose signature checked out, reduced to what Paygate acts on: which of its
 * objects changed. The event's own description of the change is not trusted beyond that; Paygate
 * asks the processor for the object's state, so a stale or replayed event cannot move money.
 *
 * @param eventId            the processor's id of the event, unique per connector account (deduplication key)
 * @param type               the processor's event type, such as {@code payment.updated}
 * @param objectKey          for {@link Kind#AUTHORIZATION} the idempotency key Paygate authorized with (the
 *                           charge id), for {@link Kind#REFUND} Paygate's refund id (the refund's idempotency
 *                           key), for {@link Kind#DISPUTE} the processor's dispute id
 * @param createdEpochSecond when the processor created the event
 */
public record ProcessorWebhook(String eventId, String type, Kind kind, String objectKey, long createdEpochSecond) {

    /** What kind of object the event is about. */
    public enum Kind {
        AUTHORIZATION,
        REFUND,
        DISPUTE
    }

    public ProcessorWebhook {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(objectKey, "objectKey");
    }
}

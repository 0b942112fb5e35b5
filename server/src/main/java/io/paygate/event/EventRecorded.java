package io.paygate.event;

/**
 * Published synchronously inside the transaction that records an event, so that outbox writers
 * (webhook deliveries, Kafka publications) add their rows in that same transaction: an event is
 * delivered if and only if the change that caused it committed.
 */
public record EventRecorded(Event event) {
}

package io.paygate.event;

import java.util.List;

/**
 * Published inside the transaction that recorded {@code events}, just before it commits, so that
 * outbox writers (webhook deliveries, Kafka publications) add their rows in that same transaction:
 * an event is delivered if and only if the change that caused it committed. One notice carries all
 * the events of the transaction, in the order they were recorded, so each outbox writes its rows
 * in one batch. {@code data} holds each event's data as the JSON text written for it: the maps in
 * {@code events} are the recorder's, which it may have changed since.
 */
public record EventsRecorded(List<Event> events, List<String> data) {
}

package io.paygate.eventstream;

import io.paygate.event.Event;
import io.paygate.event.EventLog;
import io.paygate.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Events as Kafka records: keyed by the object they are about (one object's events share a
 * partition, hence an order), valued by the envelope exactly as webhooks and
 * {@code GET /v1/events/{id}} render it, with the fields a consumer routes on as headers.
 */
class EventRecords {

    static final String EVENT_ID = "paygate-event-id";
    static final String EVENT_TYPE = "paygate-event-type";
    static final String MERCHANT = "paygate-merchant";
    static final String LIVEMODE = "paygate-livemode";

    private final EventLog events;
    private final Json json;
    private final String topic;

    EventRecords(EventLog events, Json json, String topic) {
        this.events = events;
        this.json = json;
        this.topic = topic;
    }

    /** The records of these publications by event id; an event that cannot be found is absent. */
    Map<String, ProducerRecord<String, String>> forPublications(List<Publication> publications) {
        List<String> ids = publications.stream().map(Publication::eventId).toList();
        Map<String, ProducerRecord<String, String>> out = new HashMap<>();
        for (Event event : events.forPublication(ids)) {
            out.put(event.id(), of(topic, event, json));
        }
        return out;
    }

    static ProducerRecord<String, String> of(String topic, Event event, Json json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.objectId(), json.write(event.render()));
        record.headers().add(EVENT_ID, bytes(event.id()));
        record.headers().add(EVENT_TYPE, bytes(event.type()));
        record.headers().add(MERCHANT, bytes(event.merchantId()));
        record.headers().add(LIVEMODE, bytes(String.valueOf(event.livemode())));
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package io.paygate.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.event.Event;
import io.paygate.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

    @Test
    void anEventIsKeyedByItsObjectAndCarriesItsEnvelope() {
        Json json = new Json();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", "cus_123");
        object.put("object", "customer");
        object.put("email", null);
        Event event = new Event("evt_1", "acct_1", true, "customer.created", "cus_123", "2026-07-29.dahlia",
                Map.of("object", object), "req_1", "key-1", 1_780_000_000L);

        ProducerRecord<String, String> record = EventRecords.of("paygate.events", event, json);

        assertThat(record.topic()).isEqualTo("paygate.events");
        assertThat(record.key()).isEqualTo("cus_123");
        assertThat(record.value()).isEqualTo(json.write(event.render()));
        assertThat(header(record, "paygate-event-id")).isEqualTo("evt_1");
        assertThat(header(record, "paygate-event-type")).isEqualTo("customer.created");
        assertThat(header(record, "paygate-merchant")).isEqualTo("acct_1");
        assertThat(header(record, "paygate-livemode")).isEqualTo("true");
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

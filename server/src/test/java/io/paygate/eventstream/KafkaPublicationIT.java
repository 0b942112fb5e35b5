package io.paygate.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.event.Event;
import io.paygate.event.EventLog;
import io.paygate.event.EventsRecorded;
import io.paygate.platform.web.CallContext;
import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A Paygate with Kafka publication on, against a real in-process KRaft broker: what a downstream
 * consumer reads is exactly the committed event log, keyed by object, in order per object. Its own
 * Spring context (closed afterwards, so its publisher does not outlive the broker).
 */
@EmbeddedKafka(partitions = 3, topics = KafkaPublicationIT.TOPIC)
@TestPropertySource(properties = {
        "paygate.kafka.enabled=true",
        "paygate.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "paygate.kafka.topic=" + KafkaPublicationIT.TOPIC,
        "paygate.kafka.client-id=paygate-it",
        "paygate.kafka.interval=PT0.05S"
})
@DirtiesContext
class KafkaPublicationIT extends PaygateIT {

    static final String TOPIC = "paygate.events.it";

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    EventLog eventLog;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    PublicationOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    TopicReader topic;

    @BeforeEach
    void read() {
        topic = new TopicReader(broker.getBrokersAsString(), TOPIC);
    }

    @AfterEach
    void closeReader() {
        topic.close();
    }

    @Test
    void everyCommittedEventArrivesAsTheApiShowsItKeyedByObjectInOrder() {
        TestMerchant merchant = newMerchant();
        String key = merchant.secretKey();
        String customer = api.post("/v1/customers", key, "email", "a@shop.test").text("id");
        api.post("/v1/customers/" + customer, key, "email", "b@shop.test");
        api.post("/v1/customers/" + customer, key, "metadata[tier]", "gold");
        String paid = api.post("/v1/payment_intents", key, "amount", "1000", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true").text("id");
        String later = api.post("/v1/payment_intents", key, "amount", "2500", "currency", "usd").text("id");
        api.post("/v1/payment_intents/" + later, key, "metadata[order]", "77");
        HttpApi.Response confirmed = api.post("/v1/payment_intents/" + later + "/confirm", key, "payment_method", "pm_card_visa");
        assertThat(confirmed.text("status")).as(confirmed.toString()).isEqualTo("succeeded");
        api.delete("/v1/customers/" + customer, key);

        List<String> committed = eventIds(merchant);
        assertThat(committed).hasSizeGreaterThanOrEqualTo(10);
        List<ConsumerRecord<String, String>> records = topic.awaitMerchant(merchant.id(),
                got -> eventIdsOf(got).containsAll(committed), "the merchant's " + committed.size() + " events on " + TOPIC);

        assertThat(eventIdsOf(records)).as("each event exactly once").containsExactlyInAnyOrderElementsOf(committed);
        Map<String, List<ConsumerRecord<String, String>>> byObject = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            String eventId = TopicReader.header(record, EventRecords.EVENT_ID);
            HttpApi.Response shown = api.get("/v1/events/" + eventId, key);
            assertThat(record.value()).as("record of %s", eventId).isEqualTo(shown.body());
            assertThat(record.key()).isEqualTo(shown.json().path("data").path("object").path("id").asString());
            assertThat(TopicReader.header(record, EventRecords.EVENT_TYPE)).isEqualTo(shown.text("type"));
            assertThat(TopicReader.header(record, EventRecords.LIVEMODE)).isEqualTo("false");
            byObject.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
        }
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> object : byObject.entrySet()) {
            assertThat(object.getValue()).extracting(ConsumerRecord::partition).as("partitions of %s", object.getKey())
                    .containsOnly(object.getValue().getFirst().partition());
            assertThat(eventIdsOf(object.getValue())).as("order of %s's events", object.getKey())
                    .containsExactlyElementsOf(writeOrder(object.getKey()));
        }
        assertThat(typesOf(byObject.get(customer)))
                .containsExactly("customer.created", "customer.updated", "customer.updated", "customer.deleted");
        assertThat(typesOf(byObject.get(paid))).startsWith("payment_intent.created").endsWith("payment_intent.succeeded");
        assertThat(typesOf(byObject.get(later))).startsWith("payment_intent.created", "payment_intent.updated")
                .endsWith("payment_intent.succeeded");

        Poll.until(Duration.ofSeconds(30), () -> statuses(merchant), s -> s.equals(Set.of("published")),
                "every publication row of the merchant marked published");
        assertThat(meters.get("paygate.kafka.publication.lag").timer().count()).isGreaterThanOrEqualTo(committed.size());
        HttpApi.Response metrics = api.get("/metrics", ADMIN_TOKEN);
        assertThat(metrics.body()).contains("paygate_kafka_publications_pending ", "paygate_kafka_publications_oldest_pending_age_seconds ",
                "paygate_kafka_publication_lag_seconds_count ", "paygate_kafka_publication_failures_total ");
    }

    @Test
    void nothingRolledBackIsPublished() {
        TestMerchant merchant = newMerchant();
        String objectId = "cus_rolledback" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String kept = tx.execute(status -> eventLog.record(CallContext.system(merchant.id(), false), "customer.created",
                Map.of("id", objectId + "kept", "object", "customer"), null).id());
        assertThat(publicationRows(kept)).as("written by the recording transaction when it commits").isEqualTo(1);
        String rolledBack = tx.execute(status -> {
            Event event = eventLog.record(CallContext.system(merchant.id(), false), "customer.created",
                    Map.of("id", objectId, "object", "customer"), null);
            status.setRollbackOnly();
            return event.id();
        });
        assertThat(publicationRows(rolledBack)).isZero();
        Event outside = new Event("evt_outside" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), merchant.id(),
                false, "customer.created", objectId, "2026-07-29.dahlia", Map.of(), null, null, 0);
        assertThatThrownBy(() -> outbox.on(new EventsRecorded(java.util.List.of(outside), java.util.List.of("{}")))).as("the outbox only writes inside the recording transaction")
                .isInstanceOf(IllegalTransactionStateException.class);

        // A change committed after the rollback: once it is on the topic, the publisher has been past.
        String marker = api.post("/v1/customers", merchant.secretKey(), "email", "after@shop.test").text("id");
        List<ConsumerRecord<String, String>> records = topic.awaitMerchant(merchant.id(),
                got -> got.stream().anyMatch(r -> marker.equals(r.key())), "the customer created after the rollback");
        assertThat(records).extracting(ConsumerRecord::key).doesNotContain(objectId);
        assertThat(eventIdsOf(records)).doesNotContain(rolledBack);
    }

    private List<String> eventIds(TestMerchant merchant) {
        HttpApi.Response response = api.get("/v1/events", merchant.secretKey(), "limit", "100");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("has_more").asBoolean()).isFalse();
        List<String> ids = new ArrayList<>();
        for (JsonNode event : response.json().path("data")) {
            ids.add(event.path("id").asString());
        }
        return ids;
    }

    private List<String> writeOrder(String objectId) {
        return jdbc.sql("select event_id from event_publications where object_id = ? order by seq").param(objectId)
                .query(String.class).list();
    }

    private Set<String> statuses(TestMerchant merchant) {
        return new LinkedHashSet<>(jdbc.sql("select status from event_publications where merchant_id = ?").param(merchant.id())
                .query(String.class).list());
    }

    private int publicationRows(String eventId) {
        return jdbc.sql("select count(*) from event_publications where event_id = ?").param(eventId).query(Integer.class).single();
    }

    private static List<String> eventIdsOf(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> TopicReader.header(r, EventRecords.EVENT_ID)).toList();
    }

    private static List<String> typesOf(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> TopicReader.header(r, EventRecords.EVENT_TYPE)).toList();
    }
}

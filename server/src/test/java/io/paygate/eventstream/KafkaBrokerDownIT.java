package io.paygate.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Kafka is unreachable when events are recorded: they stay pending (attempts counted, the error
 * kept), and once the configured bootstrap address answers they are all published. Paygate's
 * bootstrap address is a {@link TcpGate} in front of the embedded broker, closed at first. Its own
 * Spring context, closed afterwards.
 */
@EmbeddedKafka(partitions = 1, topics = KafkaBrokerDownIT.TOPIC)
@TestPropertySource(properties = {
        "paygate.kafka.enabled=true",
        "paygate.kafka.topic=" + KafkaBrokerDownIT.TOPIC,
        "paygate.kafka.client-id=paygate-it-broker-down",
        "paygate.kafka.interval=PT0.05S",
        "paygate.kafka.send-timeout=PT3S"
})
@DirtiesContext
class KafkaBrokerDownIT extends PaygateIT {

    static final String TOPIC = "paygate.events.down";
    private static final TcpGate GATE = new TcpGate();

    record Row(String eventId, String status, int attempts, String lastError) {
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) {
        registry.add("paygate.kafka.bootstrap-servers", () -> "127.0.0.1:" + GATE.port());
    }

    @AfterAll
    static void closeGate() {
        GATE.close();
    }

    @Test
    void eventsWaitWhileKafkaIsUnreachableAndAreAllPublishedOnceItAnswers() {
        TestMerchant merchant = newMerchant();
        String customer = api.post("/v1/customers", merchant.secretKey(), "email", "a@shop.test").text("id");
        api.post("/v1/customers/" + customer, merchant.secretKey(), "email", "b@shop.test");
        List<String> committed = eventIds(merchant);

        List<Row> waiting = Poll.until(Duration.ofSeconds(60), () -> rows(merchant),
                rows -> rows.size() == committed.size() && rows.stream().anyMatch(r -> r.attempts() > 0),
                "sends to the unreachable broker to fail");
        assertThat(waiting).extracting(Row::status).containsOnly("pending");
        assertThat(waiting).filteredOn(r -> r.attempts() > 0).extracting(Row::lastError).doesNotContainNull();
        assertThat(meters.get("paygate.kafka.publications.pending").gauge().value()).isGreaterThanOrEqualTo(committed.size());
        assertThat(meters.get("paygate.kafka.publication.failures").counter().count()).isPositive();

        String[] brokerAddress = broker.getBrokersAsString().split(",")[0].split(":");
        GATE.open(brokerAddress[0], Integer.parseInt(brokerAddress[1]));

        try (TopicReader topic = new TopicReader(broker.getBrokersAsString(), TOPIC)) {
            List<ConsumerRecord<String, String>> records = topic.awaitMerchant(merchant.id(),
                    got -> got.stream().map(r -> TopicReader.header(r, EventRecords.EVENT_ID)).toList().containsAll(committed),
                    "the events recorded while Kafka was unreachable");
            assertThat(records).filteredOn(r -> customer.equals(r.key()))
                    .extracting(r -> TopicReader.header(r, EventRecords.EVENT_TYPE))
                    .containsExactly("customer.created", "customer.updated");
        }
        Poll.until(Duration.ofSeconds(30), () -> rows(merchant), rows -> rows.stream().allMatch(r -> r.status().equals("published")),
                "every publication row marked published");
    }

    private List<Row> rows(TestMerchant merchant) {
        return jdbc.sql("select event_id, status, attempts, last_error from event_publications where merchant_id = ? order by seq")
                .param(merchant.id())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4))).list();
    }

    private List<String> eventIds(TestMerchant merchant) {
        List<String> ids = new ArrayList<>();
        for (JsonNode event : api.get("/v1/events", merchant.secretKey(), "limit", "100").json().path("data")) {
            ids.add(event.path("id").asString());
        }
        return ids;
    }
}

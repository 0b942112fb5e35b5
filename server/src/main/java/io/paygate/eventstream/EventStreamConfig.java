package io.paygate.eventstream;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.event.EventLog;
import io.paygate.platform.db.HeldWrites;
import io.paygate.platform.json.Json;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publication of events to Kafka, present only with {@code paygate.kafka.enabled=true}: without it
 * no publication rows are written and no producer exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("paygate.kafka.enabled")
class EventStreamConfig {

    @Bean
    PublicationRepository eventPublications(JdbcClient jdbc, HeldWrites writes, TransactionTemplate tx) {
        return new PublicationRepository(jdbc, writes, tx);
    }

    @Bean
    PublicationOutbox eventPublicationOutbox(PublicationRepository publications, Clock clock) {
        return new PublicationOutbox(publications, clock);
    }

    @Bean
    PublicationMetrics eventPublicationMetrics(MeterRegistry registry, PublicationRepository publications, Clock clock) {
        return new PublicationMetrics(registry, publications, clock);
    }

    @Bean
    EventStreamPublisher eventStreamPublisher(PublicationRepository publications, EventLog events, Json json,
                                              KafkaSettings settings, PublicationMetrics metrics, Clock clock) {
        return new EventStreamPublisher(publications, new EventRecords(events, json, settings.topic()),
                new KafkaProducer<>(settings.producerProperties()), settings, metrics, clock);
    }
}

package io.paygate.eventstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code paygate.kafka.publications.pending} (rows not yet acknowledged by Kafka),
 * {@code paygate.kafka.publications.oldest.pending.age} (seconds since the oldest of them was recorded),
 * {@code paygate.kafka.publication.lag} (recording to acknowledgement, per published event) and
 * {@code paygate.kafka.publication.failures}. The gauges read the table when scraped.
 */
class PublicationMetrics {

    private final Timer lag;
    private final Counter failures;

    PublicationMetrics(MeterRegistry registry, PublicationRepository publications, Clock clock) {
        Gauge.builder("paygate.kafka.publications.pending", publications, PublicationRepository::pendingCount)
                .description("Events recorded but not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("paygate.kafka.publications.oldest.pending.age", publications,
                        p -> ageSeconds(p.oldestPendingCreatedMs(), clock.millis()))
                .description("Age of the oldest event not yet acknowledged by Kafka")
                .baseUnit("seconds")
                .register(registry);
        lag = Timer.builder("paygate.kafka.publication.lag")
                .description("From an event's recording to Kafka's acknowledgement")
                .register(registry);
        failures = Counter.builder("paygate.kafka.publication.failures")
                .description("Sends Kafka did not acknowledge")
                .register(registry);
    }

    private static double ageSeconds(OptionalLong oldestMs, long nowMs) {
        return oldestMs.isEmpty() ? 0 : Math.max(0, nowMs - oldestMs.getAsLong()) / 1000.0;
    }

    void published(Publication publication, long nowMs) {
        lag.record(Math.max(0, nowMs - publication.createdMs()), TimeUnit.MILLISECONDS);
    }

    void failed() {
        failures.increment();
    }
}

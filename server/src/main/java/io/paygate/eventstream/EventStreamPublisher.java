package io.paygate.eventstream;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends pending publications to Kafka. Each round claims a batch (leased, so other nodes leave it
 * alone), sends it wave by wave (see {@link PublicationPlan}), waits for the brokers'
 * acknowledgements (acks=all), and marks each row published or, when Kafka did not acknowledge it,
 * due again after a growing backoff. When no send of a round succeeds the publisher itself backs
 * off, so unreachable brokers cost one attempt per backoff step, not one per row.
 *
 * <p>Delivery is at least once: a node that dies between Kafka's acknowledgement and marking the
 * row sends it again once the lease expires. Consumers deduplicate on {@code paygate-event-id}.
 */
class EventStreamPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventStreamPublisher.class);
    private static final int ROUNDS_PER_RUN = 20;
    private static final Duration ACK_GRACE = Duration.ofSeconds(5);

    record Round(int sent, int published, int failed, Throwable firstFailure) {
    }

    /** A wave's outcome; {@code unreachable} when a send failed for want of any broker, and {@code unsent} were not tried. */
    private record Wave(List<Publication> acknowledged, Map<Publication, Throwable> failed, List<Publication> unsent,
                        boolean unreachable) {
    }

    private final PublicationRepository publications;
    private final EventRecords records;
    private final Producer<String, String> producer;
    private final KafkaSettings settings;
    private final PublicationMetrics metrics;
    private final Clock clock;
    private long pausedUntilMs;
    private int failedRounds;
    private long failedSendsInBurst;

    EventStreamPublisher(PublicationRepository publications, EventRecords records, Producer<String, String> producer,
                         KafkaSettings settings, PublicationMetrics metrics, Clock clock) {
        this.publications = publications;
        this.records = records;
        this.producer = producer;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${paygate.kafka.interval:PT0.2S}")
    void run() {
        for (int i = 0; i < ROUNDS_PER_RUN && clock.millis() >= pausedUntilMs; i++) {
            Round round;
            try {
                round = publishRound();
            } catch (RuntimeException e) {
                round = new Round(0, 0, 1, e);
            }
            settle(round);
            if (round.sent() < settings.batchSize() || round.failed() > 0) {
                return;
            }
        }
    }

    /** One claim, sent and settled. */
    Round publishRound() {
        PublicationPlan plan = publications.claim(clock.millis(), settings.batchSize(), waveTimeout());
        List<Publication> sendable = plan.sendable();
        if (sendable.isEmpty()) {
            return new Round(0, 0, 0, null);
        }
        Map<String, ProducerRecord<String, String>> byEvent = records.forPublications(sendable);
        Set<String> stalled = new HashSet<>();
        int published = 0;
        int failed = 0;
        Throwable firstFailure = null;
        boolean unreachable = false;
        for (int w = 0; w < plan.waveCount(); w++) {
            PublicationPlan.Split split = plan.split(w, stalled);
            List<Publication> release = new ArrayList<>(split.hold());
            if (unreachable) {
                release.addAll(split.send());
            } else {
                Wave wave = send(split.send(), byEvent);
                Throwable failure = record(wave);
                firstFailure = firstFailure == null ? failure : firstFailure;
                published += wave.acknowledged().size();
                failed += wave.failed().size();
                unreachable = wave.unreachable();
                release.addAll(wave.unsent());
                wave.failed().keySet().forEach(p -> stall(stalled, p));
            }
            release.forEach(p -> stall(stalled, p));
            publications.release(release.stream().map(Publication::seq).toList());
        }
        return new Round(sendable.size(), published, failed, firstFailure);
    }

    /** Marks what Kafka acknowledged as published and schedules the retry of what it did not; returns the first failure. */
    private Throwable record(Wave wave) {
        long now = clock.millis();
        publications.markPublished(wave.acknowledged().stream().map(Publication::seq).toList(), now);
        wave.acknowledged().forEach(p -> metrics.published(p, now));
        Throwable first = null;
        for (Map.Entry<Publication, Throwable> f : wave.failed().entrySet()) {
            Publication p = f.getKey();
            publications.markFailed(p.seq(), now + Backoff.after(p.attempts() + 1).toMillis(), describe(f.getValue()));
            metrics.failed();
            first = first == null ? f.getValue() : first;
        }
        return first;
    }

    private Wave send(List<Publication> wave, Map<String, ProducerRecord<String, String>> byEvent) {
        Map<Publication, Future<RecordMetadata>> inFlight = new LinkedHashMap<>();
        Map<Publication, Throwable> failed = new LinkedHashMap<>();
        List<Publication> unsent = new ArrayList<>();
        boolean unreachable = false;
        for (int i = 0; i < wave.size(); i++) {
            Publication p = wave.get(i);
            ProducerRecord<String, String> record = byEvent.get(p.eventId());
            if (record == null) {
                failed.put(p, new IllegalStateException("event " + p.eventId() + " is not in the event log"));
                continue;
            }
            Future<RecordMetadata> future = sendOne(record);
            Throwable immediate = immediateFailure(future);
            if (immediate instanceof TimeoutException) {
                // No metadata within max.block.ms: the brokers are unreachable, and every further
                // send would block as long again before failing the same way.
                failed.put(p, immediate);
                unsent.addAll(wave.subList(i + 1, wave.size()));
                unreachable = true;
                break;
            }
            inFlight.put(p, future);
        }
        List<Publication> acknowledged = new ArrayList<>();
        long deadline = System.nanoTime() + settings.sendTimeout().plus(ACK_GRACE).toNanos();
        for (Map.Entry<Publication, Future<RecordMetadata>> e : inFlight.entrySet()) {
            try {
                e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(e.getKey());
            } catch (ExecutionException x) {
                failed.put(e.getKey(), x.getCause());
            } catch (java.util.concurrent.TimeoutException x) {
                failed.put(e.getKey(), x);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                failed.put(e.getKey(), x);
            }
        }
        return new Wave(acknowledged, failed, unsent, unreachable);
    }

    private Future<RecordMetadata> sendOne(ProducerRecord<String, String> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable immediateFailure(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static void stall(Set<String> stalled, Publication p) {
        if (p.objectId() != null) {
            stalled.add(p.objectId());
        }
    }

    /** Logs once when sends start failing and once when they recover; pauses while nothing gets through. */
    private void settle(Round round) {
        if (round.failed() > 0) {
            if (failedSendsInBurst == 0) {
                log.warn("Publishing events to Kafka topic {} failed ({}); they stay pending and are retried with backoff",
                        settings.topic(), describe(round.firstFailure()));
            }
            failedSendsInBurst += round.failed();
        } else if (round.published() > 0 && failedSendsInBurst > 0) {
            log.info("Publishing events to Kafka topic {} recovered after {} failed sends", settings.topic(), failedSendsInBurst);
            failedSendsInBurst = 0;
        }
        if (round.failed() > 0 && round.published() == 0) {
            failedRounds++;
            pausedUntilMs = clock.millis() + Backoff.after(failedRounds).toMillis();
        } else if (round.published() > 0) {
            failedRounds = 0;
        }
    }

    private Duration waveTimeout() {
        return settings.sendTimeout().plus(ACK_GRACE);
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

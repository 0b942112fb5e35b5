package io.paygate.simulator;

import io.paygate.platform.scheduling.IdleBackoff;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: takes due events up (several senders, in one process or several, never take
 * the same one), POSTs each signed to its account's endpoint, and records the answer. A 2xx is
 * delivered; anything else is tried again later with a growing wait, and dead after the last try.
 * An event whose account has registered no endpoint waits without using up its tries.
 */
@Component
class SimulatorWebhookSender {

    private static final Logger log = LoggerFactory.getLogger(SimulatorWebhookSender.class);
    private static final int MAX_IN_FLIGHT = 64;
    private static final int MAX_ERROR_LENGTH = 500;

    private final SimWebhookDeliveryRepository deliveries;
    private final SimWebhookEndpointRepository endpoints;
    private final SimulatorWebhookSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    // One slow endpoint must not hold up the others, so sends run apart from the taking up; this bounds them.
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Set<String> warnedUnregistered = ConcurrentHashMap.newKeySet();
    private final IdleBackoff backoff;

    SimulatorWebhookSender(SimWebhookDeliveryRepository deliveries, SimWebhookEndpointRepository endpoints,
                           SimulatorWebhookSettings settings, TransactionTemplate tx, Clock clock,
                           @Value("${paygate.simulator.webhooks.poll-interval:PT0.2S}") Duration interval,
                           @Value("${paygate.simulator.webhooks.poll-idle-max:PT1S}") Duration idleMax) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
        this.backoff = new IdleBackoff(interval, idleMax, System::nanoTime);
    }

    /** An event was written in this process: the next pass runs on the poll interval. */
    void wake() {
        backoff.wake();
    }

    long wakes() {
        return backoff.wakes();
    }

    private record Attempt(SimWebhookDelivery delivery, int number, SimWebhookEndpoint endpoint) {
    }

    @Scheduled(fixedDelayString = "${paygate.simulator.webhooks.poll-interval:PT0.2S}", initialDelayString = "PT1S")
    void run() {
        // While nothing is due the passes are spaced out (IdleBackoff); a full sender is busy, not idle.
        backoff.runIfDue(() -> inFlight.availablePermits() == 0 || sendDue() > 0, log, "Simulator webhook sender");
    }

    /** Takes up as many due events as there is room for and starts sending them; returns how many. */
    int sendDue() {
        int room = inFlight.availablePermits();
        if (room == 0) {
            return 0;
        }
        List<Attempt> attempts = tx.execute(status -> takeUp(clock.millis(), room));
        for (Attempt attempt : attempts) {
            inFlight.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    deliver(attempt);
                } catch (RuntimeException e) {
                    log.error("Simulator webhook {} could not be recorded; it is sent again when its lease ends",
                            attempt.delivery().id(), e);
                } finally {
                    inFlight.release();
                }
            });
        }
        return attempts.size();
    }

    private List<Attempt> takeUp(long now, int limit) {
        List<SimWebhookDelivery> due = deliveries.lockDue(now, limit);
        Map<String, SimWebhookEndpoint> byAccount = endpoints.findAll(
                        due.stream().map(SimWebhookDelivery::accountId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(SimWebhookEndpoint::accountId, Function.identity()));
        List<Attempt> attempts = new ArrayList<>();
        for (SimWebhookDelivery delivery : due) {
            SimWebhookEndpoint endpoint = byAccount.get(delivery.accountId());
            if (endpoint == null) {
                deliveries.postpone(delivery.id(), now + settings.unregisteredRetry().toMillis(), now);
                if (warnedUnregistered.add(delivery.accountId())) {
                    log.warn("Simulator account {} has webhooks to send but no webhook endpoint; they wait for one",
                            delivery.accountId());
                }
                continue;
            }
            warnedUnregistered.remove(delivery.accountId());
            int number = deliveries.lease(delivery, now + settings.lease().toMillis(), now);
            attempts.add(new Attempt(delivery, number, endpoint));
        }
        return attempts;
    }

    private void deliver(Attempt attempt) {
        String failure = post(attempt);
        long now = clock.millis();
        SimWebhookDelivery delivery = attempt.delivery();
        if (failure == null) {
            deliveries.finish(delivery.id(), attempt.number(), SimDeliveryStatus.DELIVERED, null, null, now);
            return;
        }
        OptionalLong wait = settings.backoff().delayAfterMs(attempt.number());
        if (wait.isPresent()) {
            deliveries.finish(delivery.id(), attempt.number(), SimDeliveryStatus.PENDING, now + wait.getAsLong(), failure,
                    now);
        } else if (deliveries.finish(delivery.id(), attempt.number(), SimDeliveryStatus.DEAD, null, failure, now)) {
            log.warn("Simulator webhook {} ({}) to account {} is dead after {} attempts; the last failed with {}",
                    delivery.id(), delivery.type(), delivery.accountId(), attempt.number(), failure);
        }
    }

    /** Sends the event once; null when the endpoint took it, otherwise what went wrong. */
    private String post(Attempt attempt) {
        byte[] body = attempt.delivery().payload().getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.header(attempt.endpoint().signingSecrets(clock.millis()),
                clock.instant().getEpochSecond(), body);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(attempt.endpoint().url())).timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Paygate-Simulator/1.0")
                    .header(WebhookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return "the endpoint URL cannot be called";
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "the endpoint answered HTTP " + response.statusCode();
        } catch (HttpTimeoutException e) {
            return "the endpoint did not answer within " + settings.timeout().toMillis() + " ms";
        } catch (IOException e) {
            return clip("the connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while sending";
        }
    }

    private static String clip(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}

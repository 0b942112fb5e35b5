package io.paygate.inbound;

import io.paygate.connector.ProcessorNotificationRouter;
import io.paygate.connector.ProcessorWatchers;
import io.paygate.platform.scheduling.IdleBackoff;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes stored inbound webhooks: takes due ones up (workers in one process or several never take
 * the same one), hands each to the features watching its kind of object, which read the object's
 * state from the processor and record it, and records what came of it. No transaction or connection
 * is held while the watchers talk to the processor.
 */
@Component
class InboundWebhookWorker {

    private static final Logger log = LoggerFactory.getLogger(InboundWebhookWorker.class);
    private static final int MAX_IN_FLIGHT = 32;

    private final InboundWebhookRepository webhooks;
    private final ProcessorNotificationRouter router;
    private final InboundWebhookSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final IdleBackoff backoff;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    // One slow processor lookup must not hold up the rest, so webhooks are processed apart from the taking up.
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    InboundWebhookWorker(InboundWebhookRepository webhooks, ProcessorNotificationRouter router,
                         InboundWebhookSettings settings, TransactionTemplate tx, Clock clock,
                         @Value("${paygate.inbound-webhooks.poll-interval:PT0.2S}") Duration interval,
                         @Value("${paygate.inbound-webhooks.poll-idle-max:PT1S}") Duration idleMax) {
        this.backoff = new IdleBackoff(interval, idleMax, System::nanoTime);
        this.webhooks = webhooks;
        this.router = router;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    private record Attempt(InboundWebhook webhook, int number) {
    }

    @Scheduled(fixedDelayString = "${paygate.inbound-webhooks.poll-interval:PT0.2S}", initialDelayString = "PT1S")
    void run() {
        // While nothing is due the passes are spaced out (IdleBackoff); a full worker is busy, not idle.
        backoff.runIfDue(() -> inFlight.availablePermits() == 0 || processDue() > 0, log, "Inbound webhook worker");
    }

    /** A webhook was stored or queued again in this process: the next pass runs on the poll interval. */
    void wake() {
        backoff.wake();
    }

    long wakes() {
        return backoff.wakes();
    }

    /** Takes up as many due webhooks as there is room for and starts processing them; returns how many. */
    int processDue() {
        int room = inFlight.availablePermits();
        if (room == 0) {
            return 0;
        }
        List<Attempt> attempts = tx.execute(status -> takeUp(clock.millis(), room));
        for (Attempt attempt : attempts) {
            inFlight.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    process(attempt);
                } catch (RuntimeException e) {
                    log.error("The outcome of inbound webhook {} could not be recorded; it is processed again when its "
                            + "lease ends", attempt.webhook().id(), e);
                } finally {
                    inFlight.release();
                }
            });
        }
        return attempts.size();
    }

    private List<Attempt> takeUp(long now, int limit) {
        List<Attempt> attempts = new ArrayList<>();
        for (InboundWebhook webhook : webhooks.lockDue(now, limit)) {
            attempts.add(new Attempt(webhook, webhooks.takeUp(webhook, now + settings.lease().toMillis(), now)));
        }
        return attempts;
    }

    private void process(Attempt attempt) {
        InboundWebhook webhook = attempt.webhook();
        ProcessingOutcome outcome;
        try {
            outcome = ProcessingOutcome.of(dispatch(webhook), attempt.number(), settings);
        } catch (RuntimeException e) {
            log.warn("Processing inbound webhook {} ({} about {}) failed on attempt {}", webhook.id(), webhook.eventType(),
                    webhook.objectKey(), attempt.number(), e);
            outcome = ProcessingOutcome.failed(e, attempt.number(), settings);
        }
        long now = clock.millis();
        boolean recorded = switch (outcome) {
            case ProcessingOutcome.Done done -> webhooks.finish(webhook.id(), attempt.number(), done.status(), null, null, now);
            case ProcessingOutcome.Retry retry -> webhooks.finish(webhook.id(), attempt.number(),
                    InboundWebhookStatus.PENDING, now + retry.delayMs(), retry.error(), now);
            case ProcessingOutcome.Dead dead -> {
                boolean stored = webhooks.finish(webhook.id(), attempt.number(), InboundWebhookStatus.DEAD, null,
                        dead.error(), now);
                if (stored) {
                    log.warn("Inbound webhook {} ({} of connector account {} about {}) is dead after {} attempts: {}",
                            webhook.id(), webhook.eventType(), webhook.connectorAccountId(), webhook.objectKey(),
                            attempt.number(), dead.error().code());
                }
                yield stored;
            }
        };
        if (!recorded) {
            log.info("Inbound webhook {} was taken up again (or replayed) before attempt {} ended; its outcome is not "
                    + "recorded", webhook.id(), attempt.number());
        }
    }

    private ProcessorWatchers.Result dispatch(InboundWebhook webhook) {
        return switch (webhook.kind()) {
            case AUTHORIZATION -> router.dispatchAuthorization(webhook.connectorAccountId(), webhook.objectKey());
            case REFUND -> router.dispatchRefund(webhook.connectorAccountId(), webhook.objectKey());
            case DISPUTE -> router.dispatchDispute(webhook.connectorAccountId(), webhook.objectKey());
        };
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}

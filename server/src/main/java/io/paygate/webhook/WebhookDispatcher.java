package io.paygate.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paygate.event.Event;
import io.paygate.event.EventLog;
import io.paygate.platform.db.Transactions;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.json.Json;
import io.paygate.platform.scheduling.IdleBackoff;
import io.paygate.platform.web.CallContext;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends webhook deliveries. Each pass claims due deliveries with {@code for update skip locked}
 * and marks them as being sent under a lease, so several nodes share the queue without sending one
 * delivery twice at the same time (a node that dies mid-send leaves the lease to expire, and the
 * delivery is sent again: at least once). Attempts run on virtual threads, at most
 * {@code per-endpoint-concurrency} at once per endpoint per node, so a slow or dead endpoint only
 * ever delays itself.
 *
 * <p>A node claims a few deliveries per sender slot of an endpoint beyond the ones being sent (at
 * most four, fewer when the lease is short against the attempt timeout), so that the last of them
 * still finishes within its lease even if every attempt before it times out. When a pass filled its
 * batch, the next starts at once; when an endpoint had deliveries waiting and no room for them,
 * the next starts as soon as half of the endpoint's room is free again, instead of after the poll
 * interval. So a busy endpoint is fed continuously, and in chunks: each pass locks up to a batch
 * of due rows, and one pass per finished attempt would lock a batch to claim one.
 *
 * <p>Deliveries this node queues ({@link WebhookOutbox}) skip the claim when their endpoint's lane
 * has room as they are queued: they are written already held by this node under a lease and handed
 * over with their endpoint and event when their transaction commits. The rest are written due for
 * the poll, which finds everything else too (retries, other nodes' work, expired leases). While its
 * passes find nothing due, the poll spaces them out up to {@code paygate.webhooks.poll-idle-max}
 * ({@link IdleBackoff}); work queued for it in this node brings it back at once.
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DeliveryRepository deliveries;
    private final WebhookEndpointRepository endpoints;
    private final WebhookEndpointService endpointService;
    private final EventLog eventLog;
    private final UrlPolicy urls;
    private final TransactionTemplate tx;
    private final Json json;
    private final Clock clock;
    private final WebhookSettings settings;
    private final WebhookHttp http;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    /** Per endpoint: the deliveries this node has claimed and not finished, and the slots to send them. */
    private final ConcurrentHashMap<String, EndpointLane> lanes = new ConcurrentHashMap<>();
    private final AtomicBoolean passing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Random random = new Random();
    private final String node = ProcessHandle.current().pid() + "@" + hostName();
    private final Timer lag;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter lockingPasses;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestWaitingMs = new AtomicLong();
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    /** Attempts in {@link #finished}, for the full batch that is recorded without waiting. */
    private final AtomicInteger unrecorded = new AtomicInteger();
    private final AtomicBoolean recording = new AtomicBoolean();
    private final AtomicBoolean recordDue = new AtomicBoolean();
    private final Duration recordDelay;
    /** The application's scheduler (the one behind {@code @Scheduled}), for the delayed recordings. */
    private final TaskScheduler scheduler;
    private final IdleBackoff backoff;

    WebhookDispatcher(DeliveryRepository deliveries, WebhookEndpointRepository endpoints, WebhookEndpointService endpointService,
                      EventLog eventLog, UrlPolicy urls, WebhookHttp http, TransactionTemplate tx, Json json, Clock clock,
                      WebhookSettings settings, MeterRegistry meters, TaskScheduler scheduler,
                      @Value("${paygate.webhooks.poll-idle-max:PT1S}") Duration idleMax,
                      @Value("${paygate.webhooks.record-delay:PT0.1S}") Duration recordDelay) {
        this.recordDelay = recordDelay;
        this.scheduler = scheduler;
        this.backoff = new IdleBackoff(settings.pollInterval(), idleMax, System::nanoTime);
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.endpointService = endpointService;
        this.eventLog = eventLog;
        this.urls = urls;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.http = http;
        this.lag = Timer.builder("paygate_webhook_delivery_lag").description("Time from an event's commit to its delivery")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.succeeded = meters.counter("paygate_webhook_attempts", "outcome", "succeeded");
        this.failed = meters.counter("paygate_webhook_attempts", "outcome", "failed");
        this.lockingPasses = Counter.builder("paygate_webhook_claim_passes")
                .description("Passes of the webhook poll that found due deliveries and locked them to claim")
                .register(meters);
        meters.gauge("paygate_webhook_backlog", backlog);
        meters.gauge("paygate_webhook_oldest_due_age_ms", oldestWaitingMs);
    }

    /**
     * An endpoint's share of this node: permits for the deliveries it holds ({@code room} of them in
     * all) and for those being sent; whether deliveries it queued went to the poll
     * ({@code waitingInDatabase}: while they wait, newer ones join them there instead of passing
     * them); and whether deliveries to it wait for room ({@code capped}: a pass is started when half
     * of the room is free).
     */
    private record EndpointLane(Semaphore claimed, int room, Semaphore sending, AtomicBoolean waitingInDatabase,
                                AtomicBoolean capped) {

        /** Half of the room is free again after deliveries waited for it: time for the pass to claim them. */
        boolean reopened() {
            return claimed.availablePermits() >= Math.max(1, room / 2) && capped.compareAndSet(true, false);
        }
    }

    /** What becomes of a delivery being queued ({@link #reserve}). */
    enum Reservation {
        /** This node holds it and sends it once the transaction commits. */
        HELD,
        /** Written due for the poll, which must look: the endpoint has room, but older deliveries wait in the database. */
        POLL,
        /** Written due for the poll; the endpoint has no room, and a pass starts when it has. */
        WAIT_FOR_ROOM
    }

    @Scheduled(fixedDelayString = "${paygate.webhooks.poll-interval:PT0.2S}", initialDelayString = "PT1S")
    void poll() {
        backoff.runIfDue(this::dispatch);
    }

    /** Passes until one leaves nothing to claim at once; answers whether any found due deliveries (or one ran already). */
    boolean dispatch() {
        if (!passing.compareAndSet(false, true)) {
            again.set(true);
            return true;
        }
        boolean found = false;
        try {
            do {
                again.set(false);
                found |= pass();
            } while (again.get() && !senders.isShutdown());
        } finally {
            passing.set(false);
        }
        return found;
    }

    /**
     * Deliveries this node holds, with everything sending them needs: the endpoints (with their
     * signing secrets, opened once per batch) and the events' bodies, each written once however many
     * endpoints it goes to. {@code heldAs} is the status the deliveries have while held:
     * {@code sending} when a pass claimed them, {@code pending} when this node queued them under a lease.
     */
    private record Claimed(List<Delivery> deliveries, Map<String, WebhookEndpoint> endpoints,
                           Map<String, List<String>> secrets, Map<String, Body> events, String heldAs) {
    }

    /** An event as a delivery carries it: its id, when it was created (for the lag) and its JSON. */
    private record Body(String eventId, long created, String json) {
    }

    /** A delivery queued by this node in a transaction not yet committed, with its endpoint and event. */
    record Queued(DeliveryRepository.NewDelivery delivery, WebhookEndpointRepository.WithSecrets target, Event event,
                  String storedData) {
    }

    /**
     * Takes room for one delivery to {@code endpointId} that the current transaction is queuing, for
     * this node to send it once the transaction commits ({@link #sendAfterCommit}). No room, or earlier
     * deliveries to it waiting in the database: the delivery goes to the poll, behind them.
     */
    Reservation reserve(String endpointId) {
        EndpointLane lane = lane(endpointId);
        if (!lane.waitingInDatabase().get() && lane.claimed().tryAcquire()) {
            return Reservation.HELD;
        }
        lane.waitingInDatabase().set(true);
        if (lane.claimed().availablePermits() > 0) {
            return Reservation.POLL;
        }
        lane.capped().set(true);
        // Room freed between the look and the mark would not start a pass: look again.
        return lane.reopened() ? Reservation.POLL : Reservation.WAIT_FOR_ROOM;
    }

    /**
     * Sends deliveries queued in the current transaction, each with room {@link #reserve reserved},
     * once it commits; gives the room back if it does not. They are written due at {@code leaseEndMs},
     * so until then only this node sends them. The list is read when the transaction ends: the
     * caller may register it first and add to it while queuing.
     */
    void sendAfterCommit(List<Queued> queued, long queuedMs, long leaseEndMs) {
        Transactions.onOutcome(() -> execute(() -> sendQueued(queued, queuedMs, leaseEndMs)),
                () -> queued.forEach(q -> lane(q.delivery().endpointId()).claimed().release()));
    }

    /**
     * Starts a pass once the current transaction commits (at once outside a transaction), for
     * deliveries it queued for the poll; passes asked for while one runs are folded into one more.
     */
    void wakeAfterCommit() {
        if (!Transactions.active()) {
            wake();
            return;
        }
        Transactions.scoped(this, () -> {
            Transactions.afterCommit(this::wake);
            return Boolean.TRUE;
        });
    }

    private void sendQueued(List<Queued> queued, long queuedMs, long leaseEndMs) {
        List<Delivery> mine = new ArrayList<>();
        Map<String, WebhookEndpoint> targets = new HashMap<>();
        Map<String, List<String>> secrets = new HashMap<>();
        Map<String, Body> events = new HashMap<>();
        try {
            for (Queued q : queued) {
                DeliveryRepository.NewDelivery d = q.delivery();
                mine.add(new Delivery(d.id(), d.merchantId(), d.livemode(), d.endpointId(), d.eventId(), d.eventType(),
                        Delivery.PENDING, 0, leaseEndMs, null, null, queuedMs, null));
                WebhookEndpoint endpoint = q.target().endpoint();
                if (targets.putIfAbsent(endpoint.id(), endpoint) == null) {
                    secrets.put(endpoint.id(), endpointService.signingSecrets(endpoint.id(), q.target().secrets()));
                }
                Event event = q.event();
                events.computeIfAbsent(event.id(),
                        id -> new Body(id, event.created(), json.write(event.render(q.storedData()))));
            }
        } catch (RuntimeException e) {
            queued.forEach(q -> lane(q.delivery().endpointId()).claimed().release());
            log.error("Sending {} webhook deliveries failed unexpectedly; they are sent when their lease ends", queued.size(), e);
            return;
        }
        start(new Claimed(mine, targets, secrets, events, Delivery.PENDING));
    }

    /** One claim of due deliveries; answers whether any were due. */
    private boolean pass() {
        long now = clock.millis();
        Map<String, Event> read = new HashMap<>(); // the claimed deliveries' events, written out after the commit
        boolean[] found = new boolean[1];
        Claimed claimed = tx.execute(status -> {
            List<Delivery> due = deliveries.lockDue(now, settings.batchSize());
            if (!due.isEmpty()) {
                lockingPasses.increment();
                found[0] = true;
            }
            List<Delivery> mine = new ArrayList<>();
            Set<String> full = new HashSet<>();
            for (Delivery claim : due) {
                EndpointLane lane = lane(claim.endpointId());
                if (lane.claimed().tryAcquire()) {
                    mine.add(claim);
                } else {
                    lane.capped().set(true);
                    full.add(claim.endpointId());
                }
            }
            if (due.size() < settings.batchSize()) {
                // Every due delivery was seen: an endpoint that had room for all of its own has none left waiting.
                lanes.forEach((id, lane) -> {
                    if (!full.contains(id)) {
                        lane.waitingInDatabase().set(false);
                    }
                });
            }
            if (mine.isEmpty()) {
                return new Claimed(mine, Map.of(), Map.of(), Map.of(), Delivery.SENDING);
            }
            deliveries.markSending(mine.stream().map(Delivery::id).toList(), now + settings.lease().toMillis());
            if (due.size() == settings.batchSize() && mine.size() == due.size()) {
                again.set(true);
            }
            Map<String, WebhookEndpointRepository.WithSecrets> targets = endpoints.withSecrets(
                    mine.stream().map(Delivery::endpointId).collect(Collectors.toSet()));
            Map<String, WebhookEndpoint> enabled = new HashMap<>();
            Map<String, List<String>> secrets = new HashMap<>();
            targets.forEach((id, target) -> {
                if (target.endpoint().status().equals(WebhookEndpoint.ENABLED)) {
                    enabled.put(id, target.endpoint());
                    secrets.put(id, endpointService.signingSecrets(id, target.secrets()));
                }
            });
            read.putAll(eventLog.findByIds(mine.stream().map(Delivery::eventId).collect(Collectors.toSet())));
            return new Claimed(mine, enabled, secrets, Map.of(), Delivery.SENDING);
        });
        Map<String, Body> events = new HashMap<>();
        read.forEach((id, event) -> events.put(id, new Body(id, event.created(), json.write(event.render()))));
        start(new Claimed(claimed.deliveries(), claimed.endpoints(), claimed.secrets(), events, claimed.heldAs()));
        return found[0];
    }

    /** Sends each held delivery on a virtual thread, at most the lane's sender slots at once per endpoint. */
    private void start(Claimed claimed) {
        for (Delivery claim : claimed.deliveries()) {
            senders.execute(() -> {
                EndpointLane lane = lane(claim.endpointId());
                boolean slot = false;
                try {
                    lane.sending().acquire();
                    slot = true;
                    send(claim, claimed);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.error("Sending webhook delivery {} failed unexpectedly; it is retried when its lease expires", claim.id(), e);
                } finally {
                    if (slot) {
                        lane.sending().release();
                    }
                    lane.claimed().release();
                }
                if (lane.reopened()) {
                    wake();
                }
            });
        }
    }

    private void wake() {
        backoff.wake();
        if (passing.get()) {
            again.set(true);
        } else {
            execute(this::dispatch);
        }
    }

    /** Runs {@code work} on a sender thread; once the node is shutting down, the poll of the next start does it. */
    private void execute(Runnable work) {
        try {
            senders.execute(work);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("Webhook work left to the next start: the node is shutting down");
        }
    }

    private EndpointLane lane(String endpointId) {
        return lanes.computeIfAbsent(endpointId, id -> {
            int room = settings.perEndpointConcurrency() * (1 + settings.queuedPerSender());
            return new EndpointLane(new Semaphore(room), room, new Semaphore(settings.perEndpointConcurrency()),
                    new AtomicBoolean(), new AtomicBoolean());
        });
    }

    /** One attempt at a delivery this node claimed (the row as claimed: only the lease holder changes it). */
    private void send(Delivery delivery, Claimed claimed) {
        WebhookEndpoint endpoint = claimed.endpoints().get(delivery.endpointId());
        int attemptNumber = delivery.attempts() + 1;
        long started = clock.millis();
        if (endpoint == null) {
            finish(delivery, claimed.heldAs(), new Delivery.Attempt(attemptNumber, node, started, 0, null, null,
                    "endpoint disabled or deleted"), false, true, false);
            return;
        }
        Body event = claimed.events().get(delivery.eventId());
        if (event == null) {
            throw new IllegalStateException("event " + delivery.eventId() + " of delivery " + delivery.id() + " is missing");
        }
        String payload = event.json();
        URI target;
        try {
            target = urls.checkForm(endpoint.url(), delivery.livemode());
        } catch (ApiException refused) {
            finish(delivery, claimed.heldAs(), new Delivery.Attempt(attemptNumber, node, started, 0, null, null, refused.getMessage()),
                    false, false, true);
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        String signature = WebhookSigner.header(timestamp, payload, claimed.secrets().get(endpoint.id()));
        WebhookHttp.Result result = http.post(target, delivery.livemode(), Map.of(
                "Paygate-Signature", signature,
                "Stripe-Signature", signature,
                "Paygate-Delivery-Id", delivery.id(),
                "Paygate-Event-Id", event.eventId()), payload);
        Integer status = result.status();
        String body = result.body();
        String error = result.error();
        long latency = clock.millis() - started;
        boolean ok = status != null && status >= 200 && status < 300;
        // The endpoint's failing-since mark changes only when this outcome differs from what it records.
        boolean outcomeChanges = ok == (endpoint.failingSinceMs() != null);
        finish(delivery, claimed.heldAs(), new Delivery.Attempt(attemptNumber, node, started, latency, status, body, error), ok,
                false, outcomeChanges);
        if (ok) {
            lag.record(Duration.ofMillis(Math.max(0, clock.millis() - event.created() * 1000)));
        }
    }

    /** An attempt made, waiting to be recorded with the delivery's next state. */
    private record Finished(Delivery delivery, String heldAs, Delivery.Attempt attempt, boolean ok, boolean endpointGone,
                            boolean outcomeChanges, String status, Long nextAttemptMs, long now) {
    }

    private void finish(Delivery delivery, String heldAs, Delivery.Attempt attempt, boolean ok, boolean endpointGone,
                        boolean outcomeChanges) {
        long now = clock.millis();
        Long retryIn = ok || endpointGone ? null : settings.retryDelayMs(attempt.attempt(), delivery.livemode(), random);
        String status = ok ? Delivery.SUCCEEDED : retryIn == null ? Delivery.DEAD : Delivery.PENDING;
        (ok ? succeeded : failed).increment();
        finished.add(new Finished(delivery, heldAs, attempt, ok, endpointGone, outcomeChanges, status,
                retryIn == null ? null : now + retryIn, now));
        if (unrecorded.incrementAndGet() >= settings.batchSize() || recordDelay.isZero()) {
            recordFinished();
        } else if (recordDue.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> {
                    recordDue.set(false);
                    recordFinished();
                }, scheduler.getClock().instant().plus(recordDelay));
            } catch (RejectedExecutionException shuttingDown) {
                recordDue.set(false);
                recordFinished();
            }
        }
        if (!ok) {
            log.info("Webhook delivery {} attempt {} failed ({}); {}", delivery.id(), attempt.attempt(),
                    attempt.error() != null ? attempt.error() : "HTTP " + attempt.responseStatus(),
                    retryIn == null ? "no retries left" : "retrying in " + retryIn + " ms");
        }
    }

    /** Attempts made and not yet recorded: waiting for {@code record-delay}, a full batch, or the recording under way. */
    int unrecordedAttempts() {
        return unrecorded.get();
    }

    /**
     * Records finished attempts, many per transaction. An attempt is not recorded as it finishes: the
     * first one to finish after a recording schedules the next {@code paygate.webhooks.record-delay}
     * later (default 100 ms; zero records each at once), and a full batch is recorded by the sender
     * that fills it. So a busy node commits its attempts some ten times a second in batches, instead of
     * a commit for every two or three (as many commits again as the payments that made the events),
     * and an endpoint's answer reaches the delivery's status that much later. Whoever finds no one
     * recording takes every attempt queued meanwhile into one commit, and goes on while more arrive.
     * A delivery whose record is lost (the database failed, or the node died before recording it)
     * stays claimed until its lease expires and is sent again: at least once, as before.
     */
    private void recordFinished() {
        while (!finished.isEmpty() && recording.compareAndSet(false, true)) {
            List<Finished> batch = new ArrayList<>();
            try {
                for (Finished next; batch.size() < settings.batchSize() && (next = finished.poll()) != null; ) {
                    batch.add(next);
                    unrecorded.decrementAndGet();
                }
                tx.executeWithoutResult(s -> {
                    boolean[] recorded = deliveries.recordAttempts(batch.stream().map(f -> new DeliveryRepository.AttemptRecord(
                            f.delivery().id(), f.heldAs(), f.attempt(), f.status(), f.nextAttemptMs(), f.now())).toList());
                    for (int i = 0; i < recorded.length; i++) {
                        if (recorded[i]) {
                            afterRecorded(batch.get(i));
                        }
                    }
                });
            } catch (RuntimeException e) {
                log.error("Recording {} webhook attempts failed; their deliveries are sent again when their leases expire",
                        batch.size(), e);
            } finally {
                recording.set(false);
            }
        }
    }

    /** What a recorded attempt means for its endpoint: the failing-since mark, and disabling it after failing long enough. */
    private void afterRecorded(Finished f) {
        if (f.endpointGone()) {
            return;
        }
        if (f.outcomeChanges()) {
            endpoints.recordOutcome(f.delivery().endpointId(), f.ok(), f.now());
        }
        if (!f.ok() && endpoints.disableIfFailingSince(f.delivery().endpointId(), f.now() - settings.disableAfter().toMillis())) {
            disabled(f.delivery(), f.now());
        }
    }

    private void disabled(Delivery delivery, long now) {
        WebhookEndpoint endpoint = endpoints.findById(delivery.endpointId()).orElseThrow();
        deliveries.killPending(endpoint.id(), now);
        log.warn("Webhook endpoint {} has failed every delivery for {} and is now disabled", endpoint.id(), settings.disableAfter());
        // Paygate's own event type: an endpoint switched off for failing, for the merchant's other endpoints and the event log.
        eventLog.record(CallContext.system(endpoint.merchantId(), endpoint.livemode()), "webhook_endpoint.disabled",
                endpoint.render(null), null);
    }

    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    void measureBacklog() {
        long now = clock.millis();
        backlog.set(deliveries.countPending());
        Long oldest = deliveries.oldestPendingCreatedMs(now);
        oldestWaitingMs.set(oldest == null ? 0 : now - oldest);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        senders.shutdown();
        senders.awaitTermination(settings.timeout().toSeconds() + 5, TimeUnit.SECONDS);
        // What the last attempts found is recorded now rather than sent again after the lease.
        recordFinished();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

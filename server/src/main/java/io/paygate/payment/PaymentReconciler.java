package io.paygate.payment;

import io.paygate.connector.ConnectorAccountService;
import io.paygate.connector.ConnectorRegistry;
import io.paygate.connector.spi.CancelRequest;
import io.paygate.connector.spi.Connector;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.LookupRequest;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.platform.web.CallContext;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resolves attempts and operations whose outcome Paygate does not know: calls that timed out,
 * processes that died mid-call, asynchronous payments and redirects. It claims each item with a
 * lease (so several nodes share the work), asks the processor, and records the answer through the
 * same recorders as the live path. An authorization the processor never received is fenced off
 * with a void of its key before it is marked failed, so a late arrival can never charge.
 */
@Component
class PaymentReconciler {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);
    private static final int BATCH = 200;

    private final ChargeRepository charges;
    private final ProcessorOperationRepository operations;
    private final OutcomeRecorder recorder;
    private final PaymentOperations paymentOperations;
    private final ConnectorAccountService connectorAccounts;
    private final ConnectorRegistry connectors;
    private final Clock clock;
    private final ReconcilerSettings settings;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight;

    PaymentReconciler(ChargeRepository charges, ProcessorOperationRepository operations, OutcomeRecorder recorder,
                      PaymentOperations paymentOperations, ConnectorAccountService connectorAccounts,
                      ConnectorRegistry connectors, Clock clock, ReconcilerSettings settings) {
        this.charges = charges;
        this.operations = operations;
        this.recorder = recorder;
        this.paymentOperations = paymentOperations;
        this.connectorAccounts = connectorAccounts;
        this.connectors = connectors;
        this.clock = clock;
        this.settings = settings;
        this.inFlight = new Semaphore(settings.concurrency());
    }

    @Scheduled(fixedDelayString = "${paygate.reconciler.interval:PT1S}", initialDelayString = "${paygate.reconciler.initial-delay:PT2S}")
    void run() {
        long now = clock.millis();
        List<String> dueCharges = charges.due(now, BATCH);
        for (String id : dueCharges) {
            submit(() -> {
                if (charges.claim(id, clock.millis(), clock.millis() + settings.lease().toMillis())) {
                    resolveCharge(id);
                }
            });
        }
        for (String id : operations.due(now, BATCH)) {
            submit(() -> {
                if (operations.claim(id, clock.millis(), clock.millis() + settings.lease().toMillis())) {
                    paymentOperations.resend(id);
                }
            });
        }
    }

    /** Asks the processor about one unresolved charge and records what it says. Used by redirects as well. */
    OutcomeRecorder.Applied resolveCharge(String chargeId) {
        Charge charge = charges.findById(chargeId, false).orElseThrow();
        CallContext ctx = CallContext.system(charge.merchantId(), charge.livemode());
        ConnectorAccount account = connectorAccounts.forCall(charge.connectorAccountId());
        Connector connector = connectors.get(account.type());
        ProcessorOutcome outcome = connector.lookup(new LookupRequest(account, charge.id(), RequestTrace.NONE));
        if (outcome instanceof ProcessorOutcome.NotFound) {
            // The processor never received the authorization. Fence the key off so that a request
            // still travelling can never complete, then record the attempt as failed.
            outcome = connector.cancel(new CancelRequest("fence_" + charge.id(), account, charge.id(), null, RequestTrace.NONE));
            if (outcome instanceof ProcessorOutcome.Voided) {
                log.info("Charge {} never reached the processor; fenced off and marked failed", charge.id());
            }
        }
        OutcomeRecorder.Applied applied = recorder.applyAuthorization(ctx, chargeId, outcome);
        log.info("Reconciled charge {}: the processor answered {}; the charge is now {}", chargeId,
                outcome.getClass().getSimpleName(), applied.charge().processorState());
        return applied;
    }

    private void submit(Runnable task) {
        if (!inFlight.tryAcquire()) {
            return;
        }
        workers.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Reconciliation task failed; it is retried when its lease expires", e);
            } finally {
                inFlight.release();
            }
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}

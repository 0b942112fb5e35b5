package io.paygate.refund;

import io.paygate.connector.ConnectorAccountService;
import io.paygate.connector.ConnectorRegistry;
import io.paygate.connector.ProcessorWatchers;
import io.paygate.connector.spi.Connector;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.RefundLookupRequest;
import io.paygate.connector.spi.RefundOutcome;
import io.paygate.connector.spi.RefundRequest;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.payment.Charge;
import io.paygate.payment.ChargeBook;
import io.paygate.payment.ReconcilerSettings;
import io.paygate.platform.web.CallContext;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Chases refunds whose outcome Paygate does not know, and follows refunds the processor reports
 * as changed. A refund the processor never received is sent again with the same idempotency key,
 * which is safe: the processor refunds at most once per key.
 */
@Component
class RefundReconciler implements ProcessorWatchers.Refunds {

    private static final Logger log = LoggerFactory.getLogger(RefundReconciler.class);

    private final RefundRepository refunds;
    private final RefundRecorder recorder;
    private final ChargeBook charges;
    private final ConnectorAccountService connectorAccounts;
    private final ConnectorRegistry connectors;
    private final Clock clock;
    private final ReconcilerSettings settings;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    RefundReconciler(RefundRepository refunds, RefundRecorder recorder, ChargeBook charges,
                     ConnectorAccountService connectorAccounts, ConnectorRegistry connectors, Clock clock,
                     ReconcilerSettings settings) {
        this.refunds = refunds;
        this.recorder = recorder;
        this.charges = charges;
        this.connectorAccounts = connectorAccounts;
        this.connectors = connectors;
        this.clock = clock;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${paygate.reconciler.interval:PT1S}", initialDelayString = "${paygate.reconciler.initial-delay:PT2S}")
    void run() {
        long now = clock.millis();
        for (String id : refunds.due(now, 200)) {
            if (refunds.claim(id, now, now + settings.lease().toMillis())) {
                workers.execute(() -> resolve(id));
            }
        }
    }

    @Override
    public ProcessorWatchers.Result refundChanged(String connectorAccountId, String refundKey) {
        var refund = refunds.findById(refundKey, false).filter(r -> r.connectorAccountId().equals(connectorAccountId));
        if (refund.isEmpty()) {
            return ProcessorWatchers.Result.UNKNOWN_OBJECT;
        }
        if (refund.get().state() == RefundState.FAILED || refund.get().state() == RefundState.CANCELED) {
            return ProcessorWatchers.Result.STALE;
        }
        resolve(refundKey);
        return ProcessorWatchers.Result.APPLIED;
    }

    private void resolve(String refundId) {
        try {
            Refund refund = refunds.findById(refundId, false).orElseThrow();
            ConnectorAccount account = connectorAccounts.forCall(refund.connectorAccountId());
            Connector connector = connectors.get(account.type());
            RefundOutcome outcome = connector.lookupRefund(new RefundLookupRequest(account, refund.id(), RequestTrace.NONE));
            if (outcome instanceof RefundOutcome.NotFound && refund.state().isOpen()) {
                Charge charge = charges.findById(refund.chargeId()).orElseThrow();
                outcome = connector.refund(new RefundRequest(refund.id(), account, charge.id(), charge.processorReference(),
                        Money.of(refund.amount(), refund.currency()), refund.reason(), RequestTrace.NONE));
            }
            Refund after = recorder.apply(CallContext.system(refund.merchantId(), refund.livemode()), refundId, outcome);
            log.info("Reconciled refund {}: the processor answered {}; the refund is now {}", refundId,
                    outcome.getClass().getSimpleName(), after.state());
        } catch (RuntimeException e) {
            log.error("Refund reconciliation failed; it is retried when its lease expires", e);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}

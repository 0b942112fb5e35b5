package io.paygate.dispute;

import io.paygate.connector.ProcessorWatchers;
import io.paygate.payment.ReconcilerSettings;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Follows disputes: on the processor's notices, and by polling open ones in case a notice was lost. */
@Component
class DisputeWatcher implements ProcessorWatchers.Disputes {

    private static final Logger log = LoggerFactory.getLogger(DisputeWatcher.class);

    private final DisputeService disputes;
    private final Clock clock;
    private final ReconcilerSettings settings;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    DisputeWatcher(DisputeService disputes, Clock clock, ReconcilerSettings settings) {
        this.disputes = disputes;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public ProcessorWatchers.Result disputeChanged(String connectorAccountId, String disputeReference) {
        return disputes.refreshFromProcessor(connectorAccountId, disputeReference).isPresent()
                ? ProcessorWatchers.Result.APPLIED : ProcessorWatchers.Result.UNKNOWN_OBJECT;
    }

    @Scheduled(fixedDelayString = "${paygate.reconciler.interval:PT1S}", initialDelayString = "${paygate.reconciler.initial-delay:PT2S}")
    void pollOpenDisputes() {
        long now = clock.millis();
        for (String id : disputes.due(now, 100)) {
            if (disputes.claim(id, now, now + settings.lease().toMillis())) {
                disputes.findById(id).ifPresent(d -> workers.execute(() -> refresh(d.connectorAccountId(), d.processorReference())));
            }
        }
    }

    private void refresh(String connectorAccountId, String reference) {
        try {
            disputes.refreshFromProcessor(connectorAccountId, reference);
        } catch (RuntimeException e) {
            log.error("Could not refresh dispute {}; it is polled again later", reference, e);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}

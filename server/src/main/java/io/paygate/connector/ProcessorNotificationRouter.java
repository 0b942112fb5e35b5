package io.paygate.connector;

import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The server's {@link ProcessorNotifications}: hands each notice to the features that watch for
 * it, off the notifier's thread.
 */
@Component
public class ProcessorNotificationRouter implements ProcessorNotifications {

    private static final Logger log = LoggerFactory.getLogger(ProcessorNotificationRouter.class);

    private final List<ProcessorWatchers.Authorizations> authorizations;
    private final List<ProcessorWatchers.Refunds> refunds;
    private final List<ProcessorWatchers.Disputes> disputes;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    ProcessorNotificationRouter(List<ProcessorWatchers.Authorizations> authorizations, List<ProcessorWatchers.Refunds> refunds,
                                List<ProcessorWatchers.Disputes> disputes) {
        this.authorizations = authorizations;
        this.refunds = refunds;
        this.disputes = disputes;
    }

    @Override
    public void authorizationChanged(String connectorAccountId, String authorizationKey) {
        authorizations.forEach(w -> async(x -> w.authorizationChanged(connectorAccountId, authorizationKey)));
    }

    @Override
    public void refundChanged(String connectorAccountId, String refundKey) {
        refunds.forEach(w -> async(x -> w.refundChanged(connectorAccountId, refundKey)));
    }

    @Override
    public void disputeChanged(String connectorAccountId, String disputeReference) {
        disputes.forEach(w -> async(x -> w.disputeChanged(connectorAccountId, disputeReference)));
    }

    /** Synchronous dispatch, for callers that record the result (the inbound webhook queue). */
    public ProcessorWatchers.Result dispatchAuthorization(String connectorAccountId, String authorizationKey) {
        return combine(authorizations.stream().map(w -> w.authorizationChanged(connectorAccountId, authorizationKey)).toList());
    }

    public ProcessorWatchers.Result dispatchRefund(String connectorAccountId, String refundKey) {
        return combine(refunds.stream().map(w -> w.refundChanged(connectorAccountId, refundKey)).toList());
    }

    public ProcessorWatchers.Result dispatchDispute(String connectorAccountId, String disputeReference) {
        return combine(disputes.stream().map(w -> w.disputeChanged(connectorAccountId, disputeReference)).toList());
    }

    private static ProcessorWatchers.Result combine(List<ProcessorWatchers.Result> results) {
        if (results.contains(ProcessorWatchers.Result.APPLIED)) {
            return ProcessorWatchers.Result.APPLIED;
        }
        return results.contains(ProcessorWatchers.Result.STALE) ? ProcessorWatchers.Result.STALE
                : ProcessorWatchers.Result.UNKNOWN_OBJECT;
    }

    private void async(Consumer<Void> task) {
        workers.execute(() -> {
            try {
                task.accept(null);
            } catch (RuntimeException e) {
                log.error("A processor notice could not be handled; the scheduled reconcilers will pick the change up", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}

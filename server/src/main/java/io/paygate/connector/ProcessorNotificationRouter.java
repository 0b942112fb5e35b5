package io.paygate.connector;

import java.util.List;
import org.springframework.stereotype.Component;

/** The one {@link ProcessorNotifications} of the server: hands each notice to the features that watch for it. */
@Component
class ProcessorNotificationRouter implements ProcessorNotifications {

    private final List<ProcessorWatchers.Authorizations> authorizations;
    private final List<ProcessorWatchers.Refunds> refunds;
    private final List<ProcessorWatchers.Disputes> disputes;

    ProcessorNotificationRouter(List<ProcessorWatchers.Authorizations> authorizations, List<ProcessorWatchers.Refunds> refunds,
                                List<ProcessorWatchers.Disputes> disputes) {
        this.authorizations = authorizations;
        this.refunds = refunds;
        this.disputes = disputes;
    }

    @Override
    public void authorizationChanged(String connectorAccountId, String authorizationKey) {
        authorizations.forEach(w -> w.authorizationChanged(connectorAccountId, authorizationKey));
    }

    @Override
    public void refundChanged(String connectorAccountId, String refundKey) {
        refunds.forEach(w -> w.refundChanged(connectorAccountId, refundKey));
    }

    @Override
    public void disputeChanged(String connectorAccountId, String disputeReference) {
        disputes.forEach(w -> w.disputeChanged(connectorAccountId, disputeReference));
    }
}

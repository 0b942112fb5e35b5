package io.paygate.connector;

/** What features implement to hear about processor-side changes; {@link ProcessorNotificationRouter} calls them. */
public final class ProcessorWatchers {

    private ProcessorWatchers() {
    }

    public interface Authorizations {
        void authorizationChanged(String connectorAccountId, String authorizationKey);
    }

    public interface Refunds {
        void refundChanged(String connectorAccountId, String refundKey);
    }

    public interface Disputes {
        void disputeChanged(String connectorAccountId, String disputeReference);
    }
}

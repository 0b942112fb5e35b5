package io.paygate.connector;

/**
 * What features implement to follow processor-side changes. Each call is synchronous: the feature
 * asks the processor for the object's current state and records it, then says what it did, so a
 * caller (an inbound webhook queue) can record the outcome and retry failures.
 */
public final class ProcessorWatchers {

    private ProcessorWatchers() {
    }

    /** What became of a notice. */
    public enum Result {
        /** The object's current state was read from the processor and recorded. */
        APPLIED,
        /** The object was already final; the notice changed nothing. */
        STALE,
        /** No such object in Paygate for that connector account. */
        UNKNOWN_OBJECT
    }

    public interface Authorizations {
        Result authorizationChanged(String connectorAccountId, String authorizationKey);
    }

    public interface Refunds {
        Result refundChanged(String connectorAccountId, String refundKey);
    }

    public interface Disputes {
        Result disputeChanged(String connectorAccountId, String disputeReference);
    }
}

package io.paygate.connector;

/**
 * How a processor tells Paygate that something changed for an authorization (an asynchronous
 * payment resolved, a customer finished a 3-D Secure challenge). The notice carries no outcome:
 * Paygate asks the processor for the authorization's state, so a forged or stale notice cannot
 * move a payment.
 */
public interface ProcessorNotifications {

    /**
     * @param connectorAccountId the Paygate connector account the authorization was sent with
     * @param authorizationKey   the idempotency key Paygate sent with the authorization
     */
    void authorizationChanged(String connectorAccountId, String authorizationKey);

    /** A refund Paygate sent with {@code refundKey} changed state (it completed, failed or was canceled). */
    default void refundChanged(String connectorAccountId, String refundKey) {
    }

    /** A dispute was opened or changed state at the processor; Paygate looks it up by its reference. */
    default void disputeChanged(String connectorAccountId, String disputeReference) {
    }
}

package io.paygate.connector;

/**
 * In-process notices that something changed at a processor for an authorization (an asynchronous
 * payment resolved, a customer finished a 3-D Secure challenge), a refund or a dispute, handled off
 * the caller's thread. Processors themselves report changes over signed webhooks
 * ({@code POST /v1/webhooks/{connector_account_id}}), which are queued and processed through
 * {@link ProcessorNotificationRouter}'s synchronous dispatch instead. The notice carries no outcome:
 * Paygate asks the processor for the object's state, so a forged or stale notice cannot move money.
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

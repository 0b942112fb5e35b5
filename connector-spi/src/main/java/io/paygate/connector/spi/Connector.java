package io.paygate.connector.spi;

import java.net.URI;
import java.util.Map;

/**
 * A payment processor as Paygate sees it. Implementations talk to the processor over the network
 * and must be safe to call from many threads. They never throw for a processor's answer: every
 * answer, including "no answer", is a {@link ProcessorOutcome}. They pass each request's
 * idempotency key to the processor so that a retried call never moves money twice.
 */
public interface Connector {

    /** The connector type stored on connector accounts, such as {@code simulator} or {@code stripe}. */
    String type();

    /** Returns Approved, Declined, ActionRequired, Pending or Unknown. */
    ProcessorOutcome authorize(AuthorizeRequest request);

    /** Returns Approved (with the captured amount), Declined or Unknown. */
    ProcessorOutcome capture(CaptureRequest request);

    /** Returns Voided, Declined (for example, already captured) or Unknown. */
    ProcessorOutcome cancel(CancelRequest request);

    /** Returns the authorization's current state, NotFound, or Unknown when the processor did not answer. */
    ProcessorOutcome lookup(LookupRequest request);

    /** Refunds part of a captured payment; the request's idempotency key guards against refunding twice. */
    RefundOutcome refund(RefundRequest request);

    /** The current state of a refund, NotFound, or Unknown. */
    RefundOutcome lookupRefund(RefundLookupRequest request);

    /** Cancels a refund that is still pending: Canceled, or the refund's state when it is too late. */
    RefundOutcome cancelRefund(RefundLookupRequest request);

    /** The current state of a dispute the processor reported. */
    DisputeOutcome lookupDispute(DisputeRequest request);

    /** Updates a dispute's evidence, submitting it when the request says so. */
    DisputeOutcome updateDisputeEvidence(DisputeRequest request);

    /** Accepts (concedes) a dispute. */
    DisputeOutcome acceptDispute(DisputeRequest request);

    /**
     * Checks that an inbound webhook was sent by the processor for this account (signature with the
     * account's webhook secret, timestamp within the connector's tolerance of {@code nowEpochSecond})
     * and reads what it is about. Pure: no I/O.
     *
     * @param headers the request's headers; names in any letter case
     * @param rawBody the request body exactly as received, since the signature covers those bytes
     */
    WebhookVerification verifyWebhook(ConnectorAccount account, Map<String, String> headers, byte[] rawBody,
                                      long nowEpochSecond);

    /**
     * Asks the processor to send this account's webhooks to {@code url}. A processor that generates the
     * signing secret answers it here; asking again for the same account and URL is safe.
     */
    WebhookEndpointRegistration registerWebhookEndpoint(ConnectorAccount account, URI url, RequestTrace trace);
}

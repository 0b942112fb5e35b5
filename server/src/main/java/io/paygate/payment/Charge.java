package io.paygate.payment;

import java.util.Map;

/**
 * One confirmation attempt of a payment intent, written before the processor is called. Its id is
 * the idempotency key the processor sees, and the key Paygate asks about when an answer was lost.
 */
public record Charge(String id, String merchantId, boolean livemode, String paymentIntentId, int attemptNumber,
                     String customerId, String paymentMethodId, long amount, long amountCaptured, long amountRefunded,
                     String currency, boolean capture, String status, ProcessorState processorState, String failureCode,
                     String failureMessage, String declineCode, Map<String, Object> paymentMethodDetails, String connector,
                     String connectorAccountId, String processorReference, String redirectUrl, String description,
                     Map<String, String> metadata, long created, long updatedMs, Long nextCheckMs, int checkCount,
                     Accounting accounting) {

    /** The ledger's side of a charge: fee taken, amounts refunded (settled and pending) and disputed. */
    public record Accounting(long fee, long feeRefunded, long amountRefundPending, long amountDisputed,
                        String balanceTransactionId) {
        public static final Accounting NONE = new Accounting(0, 0, 0, 0, null);
    }

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public Charge resolved(String newStatus, ProcessorState state, long captured, String reference, String failureCode,
                           String failureMessage, String declineCode, String redirect, long nowMs, Long nextCheck,
                           int checks) {
        return new Charge(id, merchantId, livemode, paymentIntentId, attemptNumber, customerId, paymentMethodId, amount,
                captured, amountRefunded, currency, capture, newStatus, state, failureCode, failureMessage, declineCode,
                paymentMethodDetails, connector, connectorAccountId, reference == null ? processorReference : reference,
                redirect, description, metadata, created, nowMs, nextCheck, checks, accounting);
    }

    /** The charge with a capture's fee and balance transaction recorded. */
    public Charge withCaptureAccounting(long fee, String balanceTransactionId) {
        Accounting a = accounting;
        return new Charge(id, merchantId, livemode, paymentIntentId, attemptNumber, customerId, paymentMethodId, amount,
                amountCaptured, amountRefunded, currency, capture, status, processorState, failureCode, failureMessage,
                declineCode, paymentMethodDetails, connector, connectorAccountId, processorReference, redirectUrl, description,
                metadata, created, updatedMs, nextCheckMs, checkCount,
                new Accounting(fee, a.feeRefunded(), a.amountRefundPending(), a.amountDisputed(), balanceTransactionId));
    }

    /** The charge as the ledger sees it. */
    public io.paygate.ledger.Ledger.ChargeMoney ledgerView() {
        Object type = paymentMethodDetails.get("type");
        return new io.paygate.ledger.Ledger.ChargeMoney(id, merchantId, livemode, connectorAccountId,
                type == null ? "card" : type.toString(), io.paygate.connector.spi.Money.of(amount, currency));
    }

    public Charge rescheduled(ProcessorState state, String reference, String redirect, long nowMs, Long nextCheck, int checks) {
        return resolved(status, state, amountCaptured, reference, failureCode, failureMessage, declineCode, redirect, nowMs,
                nextCheck, checks);
    }
}

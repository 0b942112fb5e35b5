package io.paygate.payment;

/**
 * A capture or cancellation sent to a processor, written before the call. Its id is the
 * operation's idempotency key, so the reconciler can resend it until the processor answers.
 */
record ProcessorOperation(String id, String merchantId, boolean livemode, String paymentIntentId, String chargeId,
                          Kind kind, Long amount, Status status, String errorCode, String errorMessage, long createdMs,
                          long updatedMs, Long nextCheckMs, int checkCount) {

    enum Kind { CAPTURE, CANCEL }

    enum Status { SENT, UNKNOWN, SUCCEEDED, FAILED }

    ProcessorOperation finished(Status newStatus, String code, String message, long nowMs) {
        return new ProcessorOperation(id, merchantId, livemode, paymentIntentId, chargeId, kind, amount, newStatus, code,
                message, createdMs, nowMs, null, checkCount);
    }

    ProcessorOperation retryLater(long nowMs, long nextCheck) {
        return new ProcessorOperation(id, merchantId, livemode, paymentIntentId, chargeId, kind, amount, Status.UNKNOWN,
                errorCode, errorMessage, createdMs, nowMs, nextCheck, checkCount + 1);
    }
}

package io.paygate.payment;

import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.event.EventLog;
import io.paygate.ledger.Ledger;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.web.CallContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies processor answers to captures and cancellations, one transaction each, like
 * {@link OutcomeRecorder} does for authorizations. An operation that already finished ignores
 * further answers.
 */
@Component
class OperationRecorder {

    private static final Logger log = LoggerFactory.getLogger(OperationRecorder.class);
    private static final long MAX_BACKOFF_MS = 60_000;

    /** The intent after the answer, and the error the API call reports when the operation did not happen. */
    record Result(PaymentIntent intent, ApiException error) {
    }

    private final ChargeRepository charges;
    private final PaymentIntentRepository intents;
    private final ProcessorOperationRepository operations;
    private final EventLog events;
    private final Clock clock;
    private final ReconcilerSettings settings;
    private final Ledger ledger;

    OperationRecorder(ChargeRepository charges, PaymentIntentRepository intents, ProcessorOperationRepository operations,
                      EventLog events, Clock clock, ReconcilerSettings settings, Ledger ledger) {
        this.charges = charges;
        this.intents = intents;
        this.operations = operations;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.ledger = ledger;
    }

    @Transactional
    public Result apply(CallContext ctx, String operationId, ProcessorOutcome outcome) {
        ProcessorOperation op = operations.findById(operationId, true).orElseThrow();
        Charge charge = charges.findById(op.chargeId(), true).orElseThrow();
        PaymentIntent intent = intents.findById(op.paymentIntentId(), true).orElseThrow();
        if (op.status() == ProcessorOperation.Status.SUCCEEDED || op.status() == ProcessorOperation.Status.FAILED) {
            log.info("Ignoring a stale processor answer for finished operation {}", op.id());
            return new Result(intent, null);
        }
        return switch (op.kind()) {
            case CAPTURE -> capture(ctx, op, charge, intent, outcome);
            case CANCEL -> cancel(ctx, op, charge, intent, outcome);
        };
    }

    private Result capture(CallContext ctx, ProcessorOperation op, Charge charge, PaymentIntent intent, ProcessorOutcome outcome) {
        long now = clock.millis();
        return switch (outcome) {
            case ProcessorOutcome.Approved a when a.captured() -> {
                operations.update(op.finished(ProcessorOperation.Status.SUCCEEDED, null, null, now));
                Charge captured = charge.resolved(Charge.SUCCEEDED, ProcessorState.CAPTURED, a.capturedMinor(), a.reference(),
                        null, null, null, null, now, null, charge.checkCount());
                charges.update(captured);
                Ledger.Captured accounting = ledger.recordCapture(captured.ledgerView(), a.capturedMinor(), captured.description());
                captured = charges.recordCaptureAccounting(captured, accounting.fee(), accounting.balanceTransactionId());
                PaymentIntent next = intent.with(b -> {
                    b.status = PaymentIntentStatus.SUCCEEDED;
                    b.amountReceived = a.capturedMinor();
                    b.amountCapturable = 0;
                    b.pendingOperationId = null;
                });
                intents.update(next);
                events.record(ctx, "charge.captured", PaymentViews.charge(captured), null);
                events.record(ctx, "payment_intent.succeeded", PaymentViews.intent(next, charges.forIntent(next.id())), null);
                yield new Result(next, null);
            }
            case ProcessorOutcome.Declined d -> {
                operations.update(op.finished(ProcessorOperation.Status.FAILED, d.code(), d.message(), now));
                PaymentIntent next = intent.with(b -> {
                    b.status = PaymentIntentStatus.REQUIRES_CAPTURE;
                    b.pendingOperationId = null;
                });
                intents.update(next);
                yield new Result(next, ApiException.invalidRequest(d.code(), "The processor refused the capture: " + d.message(), null));
            }
            case ProcessorOutcome.Voided v -> {
                operations.update(op.finished(ProcessorOperation.Status.FAILED, "authorization_expired",
                        "The authorization was released before it was captured.", now));
                Charge voided = charge.resolved(charge.status(), ProcessorState.VOIDED, 0, v.reference(), charge.failureCode(),
                        charge.failureMessage(), charge.declineCode(), null, now, null, charge.checkCount());
                charges.update(voided);
                ledger.releaseAuthorization(charge.id());
                PaymentIntent next = intent.with(b -> {
                    b.status = PaymentIntentStatus.CANCELED;
                    b.canceledAt = now / 1000;
                    b.cancellationReason = "automatic";
                    b.amountCapturable = 0;
                    b.pendingOperationId = null;
                });
                intents.update(next);
                events.record(ctx, "payment_intent.canceled", PaymentViews.intent(next, charges.forIntent(next.id())), null);
                yield new Result(next, ApiException.unexpectedState("payment_intent",
                        "This PaymentIntent could not be captured because its authorization was released.", null));
            }
            default -> {
                retryLater(op, now);
                PaymentIntent next = intent;
                if (intent.status() == PaymentIntentStatus.REQUIRES_CAPTURE) {
                    next = intent.with(b -> b.status = PaymentIntentStatus.PROCESSING);
                    intents.update(next);
                }
                yield new Result(next, null);
            }
        };
    }

    private Result cancel(CallContext ctx, ProcessorOperation op, Charge charge, PaymentIntent intent, ProcessorOutcome outcome) {
        long now = clock.millis();
        return switch (outcome) {
            case ProcessorOutcome.Voided v -> {
                operations.update(op.finished(ProcessorOperation.Status.SUCCEEDED, null, null, now));
                boolean wasAuthorized = charge.processorState() == ProcessorState.AUTHORIZED;
                Charge voided = wasAuthorized
                        ? charge.resolved(Charge.SUCCEEDED, ProcessorState.VOIDED, 0, v.reference(), null, null, null, null, now,
                        null, charge.checkCount())
                        : charge.processorState().isUnresolved()
                        ? charge.resolved(Charge.FAILED, ProcessorState.VOIDED, 0, v.reference(), "payment_intent_canceled",
                        "The payment intent was canceled before the payment completed.", null, null, now, null, charge.checkCount())
                        : charge;
                if (voided != charge) {
                    charges.update(voided);
                }
                if (wasAuthorized) {
                    ledger.releaseAuthorization(charge.id());
                }
                PaymentIntent next = intent;
                if (intent.status() != PaymentIntentStatus.CANCELED) {
                    next = intent.with(b -> {
                        b.status = PaymentIntentStatus.CANCELED;
                        b.canceledAt = now / 1000;
                        b.amountCapturable = 0;
                        b.nextAction = null;
                        b.pendingOperationId = null;
                    });
                    intents.update(next);
                    events.record(ctx, "payment_intent.canceled", PaymentViews.intent(next, charges.forIntent(next.id())), null);
                } else if (intent.pendingOperationId() != null) {
                    next = intent.with(b -> b.pendingOperationId = null);
                    intents.update(next);
                }
                if (wasAuthorized) {
                    events.record(ctx, "charge.refunded", PaymentViews.charge(voided), null);
                }
                yield new Result(next, null);
            }
            case ProcessorOutcome.Approved a when a.captured() -> {
                operations.update(op.finished(ProcessorOperation.Status.FAILED, "already_captured",
                        "The payment completed before it could be canceled.", now));
                PaymentIntent next = intent.with(b -> b.pendingOperationId = null);
                intents.update(next);
                charges.checkNow(charge.id(), now);
                yield new Result(next, ApiException.unexpectedState("payment_intent",
                        "This PaymentIntent could not be canceled because the payment already completed.", null));
            }
            case ProcessorOutcome.Declined d -> {
                operations.update(op.finished(ProcessorOperation.Status.FAILED, d.code(), d.message(), now));
                PaymentIntent next = intent.with(b -> b.pendingOperationId = null);
                intents.update(next);
                yield new Result(next, ApiException.unexpectedState("payment_intent",
                        "This PaymentIntent could not be canceled: " + d.message(), null));
            }
            default -> {
                retryLater(op, now);
                if (intent.status() == PaymentIntentStatus.REQUIRES_CAPTURE) {
                    // Releasing an authorization is safe to repeat: the intent is canceled now and the
                    // release is retried until the processor confirms it.
                    PaymentIntent next = intent.with(b -> {
                        b.status = PaymentIntentStatus.CANCELED;
                        b.canceledAt = now / 1000;
                        b.amountCapturable = 0;
                    });
                    intents.update(next);
                    events.record(ctx, "payment_intent.canceled", PaymentViews.intent(next, charges.forIntent(next.id())), null);
                    yield new Result(next, null);
                }
                yield new Result(intent, new ApiException(503, "api_error", "processor_unavailable",
                        "Paygate could not confirm the cancellation with the processor. It is retried automatically; "
                                + "retrieve the PaymentIntent to see the result.", null, null, null));
            }
        };
    }

    private void retryLater(ProcessorOperation op, long now) {
        long delay = Math.min(MAX_BACKOFF_MS, settings.unknownRetryMs() * (1L << Math.min(10, op.checkCount())));
        operations.update(op.retryLater(now, now + delay));
        log.warn("Outcome of {} operation {} is unknown; resending in {} ms", op.kind(), op.id(), delay);
    }
}

package io.paygate.payment;

import io.paygate.connector.ConnectorAccountService;
import io.paygate.connector.ConnectorRegistry;
import io.paygate.connector.spi.CancelRequest;
import io.paygate.connector.spi.CaptureRequest;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.Currency;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.event.EventLog;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.web.CallContext;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Capture and cancel. Like confirmation: write the operation and mark it on the intent, call the
 * processor outside any transaction, record the answer. The intent's pending operation keeps a
 * second capture or cancel from starting while one is in flight.
 */
@Service
public class PaymentOperations {

    /** What the first transaction of a cancellation decided. */
    private sealed interface CancelStep {
    }

    /** Nothing was held at the processor: the intent is canceled already. */
    private record CanceledLocally(PaymentIntent intent) implements CancelStep {
    }

    private record Started(PaymentIntent intent, ProcessorOperation operation, Charge charge) implements CancelStep {
    }

    private final PaymentIntentRepository intents;
    private final ChargeRepository charges;
    private final ProcessorOperationRepository operations;
    private final OperationRecorder recorder;
    private final ConnectorAccountService connectorAccounts;
    private final ConnectorRegistry connectors;
    private final EventLog events;
    private final TransactionTemplate tx;
    private final Ids ids;
    private final Clock clock;
    private final ReconcilerSettings settings;

    PaymentOperations(PaymentIntentRepository intents, ChargeRepository charges, ProcessorOperationRepository operations,
                      OperationRecorder recorder, ConnectorAccountService connectorAccounts, ConnectorRegistry connectors,
                      EventLog events, TransactionTemplate tx, Ids ids, Clock clock, ReconcilerSettings settings) {
        this.intents = intents;
        this.charges = charges;
        this.operations = operations;
        this.recorder = recorder;
        this.connectorAccounts = connectorAccounts;
        this.connectors = connectors;
        this.events = events;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    public PaymentIntent capture(CallContext ctx, String intentId, Long amountToCapture) {
        Started started = tx.execute(status -> {
            PaymentIntent intent = lock(ctx, intentId);
            if (intent.status() != PaymentIntentStatus.REQUIRES_CAPTURE) {
                throw unexpected(intent, "This PaymentIntent could not be captured because it has a status of "
                        + intent.status().wireName() + ". Only a PaymentIntent with one of the following statuses may be "
                        + "captured: requires_capture.");
            }
            requireNoOperation(intent);
            long amount = amountToCapture == null ? intent.amountCapturable() : amountToCapture;
            if (amount > intent.amountCapturable()) {
                throw ApiException.invalidRequest("amount_too_large", "The amount to capture (" + amount + ") must be less "
                        + "than or equal to the amount capturable (" + intent.amountCapturable() + ").", "amount_to_capture");
            }
            Currency currency = Currency.of(intent.currency());
            if (amount < Math.min(currency.minimumChargeMinor(), intent.amountCapturable())) {
                throw ApiException.invalidRequest("amount_too_small", "The amount to capture must be at least "
                        + new Money(currency.minimumChargeMinor(), currency).format() + ".", "amount_to_capture");
            }
            return start(intent, ProcessorOperation.Kind.CAPTURE, amount, null, null);
        });
        ConnectorAccount account = connectorAccounts.forCall(started.charge().connectorAccountId());
        ProcessorOutcome outcome = connectors.get(account.type()).capture(new CaptureRequest(started.operation().id(),
                account, started.charge().id(), started.charge().processorReference(),
                new Money(started.operation().amount(), Currency.of(started.intent().currency())), ctx.trace()));
        return finish(ctx, started, outcome);
    }

    public PaymentIntent cancel(CallContext ctx, String intentId, String reason) {
        CancelStep decided = tx.execute(status -> {
            PaymentIntent intent = lock(ctx, intentId);
            if (intent.status().isTerminal()) {
                throw unexpected(intent, "You cannot cancel this PaymentIntent because it has a status of "
                        + intent.status().wireName() + ". Only a PaymentIntent with one of the following statuses may be "
                        + "canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
            }
            requireNoOperation(intent);
            Charge latest = intent.latestChargeId() == null ? null : charges.findById(intent.latestChargeId(), true).orElseThrow();
            boolean atProcessor = latest != null && (latest.processorState().isUnresolved()
                    || latest.processorState() == ProcessorState.AUTHORIZED);
            if (!atProcessor) {
                PaymentIntent canceled = intent.with(b -> {
                    b.status = PaymentIntentStatus.CANCELED;
                    b.canceledAt = clock.instant().getEpochSecond();
                    b.cancellationReason = reason;
                    b.nextAction = null;
                });
                intents.update(canceled);
                events.record(ctx, "payment_intent.canceled", PaymentViews.intent(canceled, charges.forIntent(intentId)), null);
                return new CanceledLocally(canceled);
            }
            return start(intent, ProcessorOperation.Kind.CANCEL, null, latest, reason);
        });
        return switch (decided) {
            case CanceledLocally done -> done.intent();
            case Started started -> cancelAtProcessor(ctx, started);
        };
    }

    private PaymentIntent cancelAtProcessor(CallContext ctx, Started started) {
        ConnectorAccount account = connectorAccounts.forCall(started.charge().connectorAccountId());
        ProcessorOutcome outcome = connectors.get(account.type()).cancel(new CancelRequest(started.operation().id(), account,
                started.charge().id(), started.charge().processorReference(), ctx.trace()));
        return finish(ctx, started, outcome);
    }

    /** Resends an operation whose answer was lost (same idempotency key) and records the answer. */
    void resend(String operationId) {
        ProcessorOperation op = operations.findById(operationId, false).orElseThrow();
        Charge charge = charges.findById(op.chargeId(), false).orElseThrow();
        PaymentIntent intent = intents.findById(op.paymentIntentId(), false).orElseThrow();
        ConnectorAccount account = connectorAccounts.forCall(charge.connectorAccountId());
        ProcessorOutcome outcome = switch (op.kind()) {
            case CAPTURE -> connectors.get(account.type()).capture(new CaptureRequest(op.id(), account, charge.id(),
                    charge.processorReference(), new Money(op.amount(), Currency.of(intent.currency())), RequestTrace.NONE));
            case CANCEL -> connectors.get(account.type()).cancel(new CancelRequest(op.id(), account, charge.id(),
                    charge.processorReference(), RequestTrace.NONE));
        };
        recorder.apply(CallContext.system(op.merchantId(), op.livemode()), op.id(), outcome);
    }

    private Started start(PaymentIntent intent, ProcessorOperation.Kind kind, Long amount, Charge knownCharge,
                          String cancellationReason) {
        Charge charge = knownCharge != null ? knownCharge : charges.findById(intent.latestChargeId(), true).orElseThrow();
        long now = clock.millis();
        ProcessorOperation op = new ProcessorOperation(ids.next("pop"), intent.merchantId(), intent.livemode(), intent.id(),
                charge.id(), kind, amount, ProcessorOperation.Status.SENT, null, null, now, now,
                now + settings.firstCheckAfterMs(), 0);
        operations.insert(op);
        PaymentIntent marked = intent.with(b -> {
            b.pendingOperationId = op.id();
            if (cancellationReason != null) {
                b.cancellationReason = cancellationReason;
            }
        });
        intents.update(marked);
        return new Started(marked, op, charge);
    }

    private PaymentIntent finish(CallContext ctx, Started started, ProcessorOutcome outcome) {
        OperationRecorder.Result result = recorder.apply(ctx, started.operation().id(), outcome);
        if (result.error() != null) {
            throw result.error().withExtra("payment_intent", PaymentViews.intent(result.intent(),
                    charges.forIntent(result.intent().id())));
        }
        return result.intent();
    }

    private PaymentIntent lock(CallContext ctx, String intentId) {
        return intents.find(ctx.merchantId(), ctx.livemode(), intentId, true)
                .orElseThrow(() -> ApiException.notFound("payment_intent", intentId, "intent"));
    }

    private void requireNoOperation(PaymentIntent intent) {
        if (intent.pendingOperationId() != null) {
            throw unexpected(intent, "Another capture or cancellation of this PaymentIntent is in progress. "
                    + "Retrieve the PaymentIntent to see its result.");
        }
    }

    private ApiException unexpected(PaymentIntent intent, String message) {
        return ApiException.unexpectedState("payment_intent", message,
                Map.of("payment_intent", PaymentViews.intent(intent, charges.forIntent(intent.id()))));
    }
}

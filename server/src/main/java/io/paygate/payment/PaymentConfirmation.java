package io.paygate.payment;

import io.paygate.connector.ConnectorAccountRecord;
import io.paygate.connector.ConnectorAccountService;
import io.paygate.connector.ConnectorRegistry;
import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.Currency;
import io.paygate.connector.spi.Instrument;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.paymentmethod.PaymentMethod;
import io.paygate.paymentmethod.PaymentMethodService;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.errors.CardDeclinedException;
import io.paygate.platform.idempotency.RecoveryPoints;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.web.PublicUrl;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirms a payment intent: one transaction writes the attempt (the charge) and moves the intent
 * to {@code processing}; the processor is called with no transaction or connection held; a second
 * transaction records the answer. The compare-and-set on the intent makes concurrent confirmations
 * of one intent produce exactly one authorization.
 */
@Service
public class PaymentConfirmation {

    private record Prepared(PaymentIntent intent, Charge charge, Instrument instrument, ConnectorAccount account) {
    }

    private final PaymentIntentRepository intents;
    private final PaymentIntentService paymentIntents;
    private final ChargeRepository charges;
    private final PaymentMethodService paymentMethods;
    private final ConnectorAccountService connectorAccounts;
    private final ConnectorRegistry connectors;
    private final OutcomeRecorder recorder;
    private final TransactionTemplate tx;
    private final Ids ids;
    private final Clock clock;
    private final ReconcilerSettings settings;
    private final PublicUrl publicUrl;
    private final RecoveryPoints recoveryPoints;

    PaymentConfirmation(PaymentIntentRepository intents, PaymentIntentService paymentIntents, ChargeRepository charges,
                        PaymentMethodService paymentMethods, ConnectorAccountService connectorAccounts,
                        ConnectorRegistry connectors, OutcomeRecorder recorder, TransactionTemplate tx, Ids ids, Clock clock,
                        ReconcilerSettings settings, PublicUrl publicUrl, RecoveryPoints recoveryPoints) {
        this.intents = intents;
        this.paymentIntents = paymentIntents;
        this.charges = charges;
        this.paymentMethods = paymentMethods;
        this.connectorAccounts = connectorAccounts;
        this.connectors = connectors;
        this.recorder = recorder;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.publicUrl = publicUrl;
        this.recoveryPoints = recoveryPoints;
    }

    /**
     * The intent as it stands after the processor's answer, with its attempts when the answer's
     * transaction read them ({@code null} otherwise).
     */
    public record Confirmed(PaymentIntent intent, List<Charge> attempts) {
    }

    /**
     * A payment intent drafted in the current transaction and not stored yet (see
     * {@link PaymentIntentService#draft}), with the payment method it was given (or null).
     */
    public record Drafted(PaymentIntent intent, PaymentMethod paymentMethod) {
    }

    /**
     * Confirms the intent and answers {@code answer} of it as it stands after the processor's answer.
     * {@code answer} runs in the transaction that records that answer, which also stores it as the
     * request's idempotent answer ({@link RecoveryPoints#answer}). A decline is thrown as Stripe's 402
     * {@code card_error}, carrying the intent.
     */
    public <T> T confirm(CallContext ctx, String intentId, ConfirmRequest request, Function<Confirmed, T> answer) {
        return authorize(ctx, tx.execute(status -> prepare(ctx, intentId, request)), answer);
    }

    /**
     * Creates the intent {@code draft} gives and confirms it (create with {@code confirm=true}), and
     * answers as {@link #confirm} does. The
     * creation and the attempt are written in one transaction, and the new intent is written once, as
     * its attempt leaves it. If the confirmation is refused before an attempt is written (no payment
     * method, an incompatible one, no processor account), the intent is stored as created and the
     * refusal is thrown, as when the two are separate calls. With {@code payment_method_data} the
     * payment method is created by the confirmation, and the two run as separate transactions.
     */
    public <T> T createAndConfirm(CallContext ctx, Supplier<Drafted> draft, ConfirmRequest request,
                                  Function<Confirmed, T> answer) {
        if (request.paymentMethodData() != null) {
            PaymentIntent intent = tx.execute(status -> paymentIntents.store(ctx, draft.get().intent()));
            return confirm(ctx, intent.id(), request, answer);
        }
        ApiException[] refused = new ApiException[1];
        Prepared prepared = tx.execute(status -> {
            Drafted drafted = draft.get();
            PaymentIntent created = drafted.intent();
            PaymentMethod pm;
            ConnectorAccountService.Chosen chosen;
            try {
                pm = drafted.paymentMethod() != null ? drafted.paymentMethod() : paymentMethod(ctx, created, request);
                checkPaymentMethod(created, pm);
                chosen = connectorAccounts.forPayment(ctx);
            } catch (ApiException e) {
                paymentIntents.store(ctx, created);
                refused[0] = e;
                return null;
            }
            return attempt(ctx, created, request, pm, chosen, 1, processing -> paymentIntents.store(ctx, created, processing));
        });
        if (prepared == null) {
            throw refused[0];
        }
        return authorize(ctx, prepared, answer);
    }

    /** The answer of a confirmation, or the decline it throws once the outcome's transaction has committed. */
    private record Answered<T>(T value, RuntimeException thrown) {
    }

    /**
     * Calls the processor with no transaction or connection held, then records its answer and, in the
     * same transaction, makes and stores the request's answer. An {@code answer} that fails leaves the
     * processor's answer recorded and its failure thrown after the commit.
     */
    private <T> T authorize(CallContext ctx, Prepared prepared, Function<Confirmed, T> answer) {
        ProcessorOutcome outcome = connectors.get(prepared.account().type()).authorize(new AuthorizeRequest(
                prepared.charge().id(), prepared.account(),
                new Money(prepared.intent().amount(), Currency.of(prepared.intent().currency())),
                prepared.intent().capturesAutomatically(), prepared.instrument(), prepared.intent().id(),
                publicUrl.resolve("/redirect/complete/" + prepared.charge().id()), ctx.trace()));
        Answered<T> answered = tx.execute(status -> {
            OutcomeRecorder.Applied applied = recorder.applyAuthorization(ctx, prepared.charge().id(), outcome);
            PaymentIntent intent = applied.intent();
            if (outcome instanceof ProcessorOutcome.Declined declined && intent.status() == PaymentIntentStatus.REQUIRES_PAYMENT_METHOD
                    && prepared.charge().id().equals(intent.latestChargeId())) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("charge", prepared.charge().id());
                extra.put("payment_intent", PaymentViews.intent(intent,
                        applied.attempts() != null ? applied.attempts() : charges.forIntent(intent.id())));
                extra.put("payment_method", intent.lastPaymentError() == null ? null : intent.lastPaymentError().get("payment_method"));
                CardDeclinedException thrown = new CardDeclinedException(declined.code(), declined.declineCode(),
                        declined.message(), null, extra);
                recoveryPoints.answer(() -> {
                    throw thrown;
                });
                return new Answered<>(null, thrown);
            }
            T value;
            try {
                value = answer.apply(new Confirmed(intent, applied.attempts()));
            } catch (RuntimeException e) {
                return new Answered<>(null, e);
            }
            recoveryPoints.answer(() -> value);
            return new Answered<>(value, null);
        });
        if (answered.thrown() != null) {
            throw answered.thrown();
        }
        return answered.value();
    }

    private Prepared prepare(CallContext ctx, String intentId, ConfirmRequest request) {
        PaymentIntent intent = intents.find(ctx.merchantId(), ctx.livemode(), intentId, true)
                .orElseThrow(() -> ApiException.notFound("payment_intent", intentId, "intent"));
        if (!intent.status().isConfirmable()) {
            throw ApiException.unexpectedState("payment_intent", "You cannot confirm this PaymentIntent because it has a "
                    + "status of " + intent.status().wireName() + ". Only a PaymentIntent with one of the following statuses "
                    + "may be confirmed: requires_confirmation, requires_payment_method.",
                    Map.of("payment_intent", PaymentViews.intent(intent, charges.forIntent(intentId))));
        }
        PaymentMethod pm = paymentMethod(ctx, intent, request);
        checkPaymentMethod(intent, pm);
        return attempt(ctx, intent, request, pm, connectorAccounts.forPayment(ctx), charges.countForIntent(intent.id()) + 1,
                intents::update);
    }

    private static void checkPaymentMethod(PaymentIntent intent, PaymentMethod pm) {
        if (!intent.paymentMethodTypes().contains(pm.type())) {
            throw ApiException.invalidRequest("payment_intent_incompatible_payment_method", "The PaymentMethod provided ("
                    + pm.type() + ") is not allowed for this PaymentIntent. Allowed types: "
                    + String.join(", ", intent.paymentMethodTypes()) + ".", "payment_method");
        }
        if (pm.customerId() != null && !pm.customerId().equals(intent.customerId())) {
            throw ApiException.invalidRequest("payment_method_customer_mismatch", intent.customerId() == null
                    ? "The provided PaymentMethod is attached to a customer; pass that customer when creating the PaymentIntent."
                    : "The provided PaymentMethod belongs to another customer.", "payment_method");
        }
    }

    /**
     * Writes the attempt (the charge) and moves the intent to {@code processing}, which {@code save}
     * writes: over the locked stored intent, or as a new intent's first row. The intent is what a retry
     * of the confirming request answers with.
     */
    private Prepared attempt(CallContext ctx, PaymentIntent intent, ConfirmRequest request, PaymentMethod pm,
                             ConnectorAccountService.Chosen chosen, int attemptNumber, Consumer<PaymentIntent> save) {
        recoveryPoints.mark(intent.id());
        ConnectorAccountRecord account = chosen.account();
        String chargeId = ids.next("ch");
        PaymentIntent processing = intent.with(b -> {
            b.status = PaymentIntentStatus.PROCESSING;
            b.paymentMethodId = pm.id();
            b.latestChargeId = chargeId;
            b.connector = account.connector();
            b.connectorAccountId = account.id();
            b.lastPaymentError = null;
            b.nextAction = null;
            if (request.has("return_url")) {
                b.returnUrl = request.returnUrl();
            }
            if (request.has("receipt_email")) {
                b.receiptEmail = request.receiptEmail();
            }
            if (request.has("setup_future_usage")) {
                b.setupFutureUsage = request.setupFutureUsage();
            }
            if (request.has("shipping")) {
                b.shipping = request.shipping();
            }
            if (request.has("capture_method")) {
                b.captureMethod = request.captureMethod();
            }
        });
        long now = clock.millis();
        Map<String, Object> details = pm.paymentDetails();
        details.put("billing_details", pm.billingDetails());
        Charge charge = new Charge(chargeId, ctx.merchantId(), ctx.livemode(), intent.id(),
                attemptNumber, intent.customerId(), pm.id(), intent.amount(), 0, 0,
                intent.currency(), processing.capturesAutomatically(), Charge.PENDING, ProcessorState.SENT, null, null, null,
                details, account.connector(), account.id(), null, null, intent.description(), Map.of(), now / 1000, now,
                now + settings.firstCheckAfterMs(), 0, Charge.Accounting.NONE);
        charges.insert(charge);
        save.accept(processing);
        return new Prepared(processing, charge, paymentMethods.instrument(ctx, pm), chosen.forCall());
    }

    private PaymentMethod paymentMethod(CallContext ctx, PaymentIntent intent, ConfirmRequest request) {
        if (request.paymentMethodData() != null) {
            return paymentMethods.create(ctx, request.paymentMethodData());
        }
        String id = request.paymentMethodId() != null ? request.paymentMethodId() : intent.paymentMethodId();
        if (id == null) {
            throw ApiException.invalidRequest("payment_intent_unexpected_state", "You cannot confirm this PaymentIntent "
                    + "because it's missing a payment method. Update the PaymentIntent with a payment method and confirm it "
                    + "again, or confirm it again directly with a payment method.", "payment_method");
        }
        return paymentMethods.forPayment(ctx, id);
    }
}

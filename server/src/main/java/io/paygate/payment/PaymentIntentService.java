package io.paygate.payment;

import io.paygate.event.EventLog;
import io.paygate.platform.db.MetadataIndex;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.idempotency.RecoveryPoints;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.json.Diff;
import io.paygate.platform.pagination.CreatedRange;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.search.SearchFields;
import io.paygate.platform.search.SearchQuery;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RangeFilter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Payment intents: create, update before confirmation, read, list and search. */
@Service
public class PaymentIntentService {

    private static final SearchFields SEARCH = new SearchFields("payment_intent", "id")
            .field("status", "status", SearchFields.Kind.TEXT)
            .field("amount", "amount", SearchFields.Kind.INTEGER)
            .field("currency", "currency", SearchFields.Kind.TEXT_CASE_INSENSITIVE)
            .field("customer", "customer_id", SearchFields.Kind.TEXT)
            .field("created", "created", SearchFields.Kind.INTEGER);

    private final PaymentIntentRepository intents;
    private final ChargeRepository charges;
    private final MetadataIndex metadataIndex;
    private final EventLog events;
    private final Ids ids;
    private final Clock clock;
    private final RecoveryPoints recoveryPoints;

    PaymentIntentService(PaymentIntentRepository intents, ChargeRepository charges, MetadataIndex metadataIndex,
                         EventLog events, Ids ids, Clock clock, RecoveryPoints recoveryPoints) {
        this.intents = intents;
        this.charges = charges;
        this.metadataIndex = metadataIndex;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.recoveryPoints = recoveryPoints;
    }

    /**
     * A new intent as the request describes it, not stored yet: {@link #store} writes it, so that an
     * intent confirmed as it is created is written once, in the state its confirmation leaves it in.
     */
    public PaymentIntent draft(CallContext ctx, NewPaymentIntent request) {
        String id = ids.next("pi");
        PaymentIntentStatus status = request.paymentMethodId() == null ? PaymentIntentStatus.REQUIRES_PAYMENT_METHOD
                : PaymentIntentStatus.REQUIRES_CONFIRMATION;
        return new PaymentIntent(id, ctx.merchantId(), ctx.livemode(), request.amount(), request.currency(),
                status, request.captureMethod(), request.confirmationMethod(), request.customerId(),
                request.paymentMethodId(), request.paymentMethodTypes(), request.description(), request.receiptEmail(),
                request.statementDescriptor(), request.statementDescriptorSuffix(), request.setupFutureUsage(),
                request.shipping(), id + "_secret_" + ids.token(24), 0, 0, null, null, null, null, null, null, null, null,
                request.returnUrl(), request.metadata(), 0, clock.instant().getEpochSecond());
    }

    /** Stores a drafted intent as it is: the intent created. */
    @Transactional(propagation = Propagation.MANDATORY)
    public PaymentIntent store(CallContext ctx, PaymentIntent draft) {
        return store(ctx, draft, draft);
    }

    /**
     * Stores a drafted intent as {@code row}: the draft itself, or the draft already moved on in this
     * transaction (its first attempt made). Its metadata and its {@code payment_intent.created} event
     * are the draft's. The intent is what a retry of the request that creates it answers with.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PaymentIntent store(CallContext ctx, PaymentIntent draft, PaymentIntent row) {
        if (!row.id().equals(draft.id())) {
            throw new IllegalArgumentException("intent " + row.id() + " is not the draft " + draft.id());
        }
        recoveryPoints.mark(draft.id());
        intents.insert(row);
        metadataIndex.insert("payment_intent", draft.id(), ctx.merchantId(), ctx.livemode(), draft.metadata());
        events.record(ctx, "payment_intent.created", PaymentViews.intent(draft, List.of()), null);
        return row;
    }

    @Transactional
    public PaymentIntent update(CallContext ctx, String id, PaymentIntentChanges changes) {
        PaymentIntent intent = intents.find(ctx.merchantId(), ctx.livemode(), id, true)
                .orElseThrow(() -> ApiException.notFound("payment_intent", id, "intent"));
        if (changes.changesPayment() && !intent.status().isUpdatable()) {
            throw ApiException.unexpectedState("payment_intent", "You cannot update this PaymentIntent because it has a "
                    + "status of " + intent.status().wireName() + ". You may only update metadata and description now.",
                    Map.of("payment_intent", PaymentViews.intent(intent, charges.forIntent(id))));
        }
        PaymentIntent next = intent.with(b -> {
            if (changes.has("amount")) {
                b.amount = changes.amount();
            }
            if (changes.has("currency")) {
                b.currency = changes.currency();
            }
            if (changes.has("capture_method")) {
                b.captureMethod = changes.captureMethod();
            }
            if (changes.has("customer")) {
                b.customerId = changes.customerId();
            }
            if (changes.has("payment_method")) {
                b.paymentMethodId = changes.paymentMethodId();
                b.status = changes.paymentMethodId() == null ? PaymentIntentStatus.REQUIRES_PAYMENT_METHOD
                        : PaymentIntentStatus.REQUIRES_CONFIRMATION;
            }
            if (changes.has("payment_method_types")) {
                b.paymentMethodTypes = changes.paymentMethodTypes();
            }
            if (changes.has("description")) {
                b.description = changes.description();
            }
            if (changes.has("receipt_email")) {
                b.receiptEmail = changes.receiptEmail();
            }
            if (changes.has("statement_descriptor")) {
                b.statementDescriptor = changes.statementDescriptor();
            }
            if (changes.has("statement_descriptor_suffix")) {
                b.statementDescriptorSuffix = changes.statementDescriptorSuffix();
            }
            if (changes.has("setup_future_usage")) {
                b.setupFutureUsage = changes.setupFutureUsage();
            }
            if (changes.has("shipping")) {
                b.shipping = changes.shipping();
            }
            if (changes.metadata() != null) {
                b.metadata = changes.metadata();
            }
        });
        intents.update(next);
        if (changes.metadata() != null) {
            metadataIndex.replace("payment_intent", id, ctx.merchantId(), ctx.livemode(), next.metadata());
        }
        List<Charge> attempts = charges.forIntent(id);
        Map<String, Object> previous = Diff.previousAttributes(PaymentViews.intent(intent, attempts),
                PaymentViews.intent(next, attempts));
        if (!previous.isEmpty()) {
            // Stripe has no such event type; Paygate records every change of an intent in its event log.
            events.record(ctx, "payment_intent.updated", PaymentViews.intent(next, attempts), previous);
        }
        return next;
    }

    /** An intent with its charges' attempts, in order. */
    public record WithAttempts(PaymentIntent intent, List<Attempt> attempts) {
        public Map<String, Object> render() {
            return PaymentViews.intentWithAttempts(intent, attempts);
        }
    }

    /** The intent with its attempts, read together: what a retrieve renders. */
    public WithAttempts getWithAttempts(CallContext ctx, String id) {
        return intents.findWithAttempts(ctx.merchantId(), ctx.livemode(), id)
                .orElseThrow(() -> ApiException.notFound("payment_intent", id, "intent"));
    }

    public PaymentIntent get(CallContext ctx, String id) {
        return intents.find(ctx.merchantId(), ctx.livemode(), id, false)
                .orElseThrow(() -> ApiException.notFound("payment_intent", id, "intent"));
    }

    public Map<String, Object> render(PaymentIntent intent) {
        return PaymentViews.intent(intent, charges.forIntent(intent.id()));
    }

    /** Renders a page of intents, by id, reading all their attempts in one query rather than one per intent. */
    public Map<String, Map<String, Object>> renderAll(List<PaymentIntent> page) {
        Map<String, List<Attempt>> attempts = charges.attemptsFor(page.stream().map(PaymentIntent::id).toList());
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (PaymentIntent intent : page) {
            out.put(intent.id(), PaymentViews.intentWithAttempts(intent, attempts.getOrDefault(intent.id(), List.of())));
        }
        return out;
    }

    public Page<PaymentIntent> list(CallContext ctx, String customerId, RangeFilter created, PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode());
        if (customerId != null) {
            where.and("customer_id = ?", customerId);
        }
        CreatedRange.apply(where, "id", "pi", created);
        return intents.page(where, page);
    }

    public Page<PaymentIntent> search(CallContext ctx, String query, PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode());
        SEARCH.apply(SearchQuery.parse(query), ctx.merchantId(), ctx.livemode(), where);
        return intents.page(where, page);
    }

    public Charge getCharge(CallContext ctx, String id) {
        return charges.find(ctx.merchantId(), ctx.livemode(), id)
                .orElseThrow(() -> ApiException.notFound("charge", id, "id"));
    }

    public Page<Charge> listCharges(CallContext ctx, String customerId, String paymentIntentId, RangeFilter created,
                                    PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode());
        if (customerId != null) {
            where.and("customer_id = ?", customerId);
        }
        if (paymentIntentId != null) {
            where.and("payment_intent_id = ?", paymentIntentId);
        }
        CreatedRange.apply(where, "id", "ch", created);
        return charges.page(where, page);
    }
}

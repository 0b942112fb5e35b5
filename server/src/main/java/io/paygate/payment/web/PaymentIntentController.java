package io.paygate.payment.web;

import io.paygate.platform.web.ApiContract;
import io.paygate.connector.spi.Secret;
import io.paygate.customer.CustomerService;
import io.paygate.payment.ConfirmRequest;
import io.paygate.payment.NewPaymentIntent;
import io.paygate.payment.PaymentConfirmation;
import io.paygate.payment.PaymentIntent;
import io.paygate.payment.PaymentIntentChanges;
import io.paygate.payment.PaymentIntentService;
import io.paygate.payment.PaymentOperations;
import io.paygate.paymentmethod.PaymentMethod;
import io.paygate.paymentmethod.PaymentMethodService;
import io.paygate.payment.PaymentViews;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.idempotency.IdempotencyGate;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.Access;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.Expansion;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentIntentController {

    private static final Set<String> EXPANDABLE = Set.of("latest_charge", "customer", "payment_method");

    private final PaymentIntentService intents;
    private final PaymentConfirmation confirmation;
    private final PaymentOperations operations;
    private final PaymentMethodService paymentMethods;
    private final CustomerService customers;
    private final PaymentIntentParams validation;
    private final RequestBinder binder;
    private final IdempotencyGate idempotency;
    private final ApiResponses responses;
    private final TransactionTemplate tx;

    PaymentIntentController(PaymentIntentService intents, PaymentConfirmation confirmation, PaymentOperations operations,
                            PaymentMethodService paymentMethods, CustomerService customers, PaymentIntentParams validation,
                            RequestBinder binder, IdempotencyGate idempotency, ApiResponses responses, TransactionTemplate tx) {
        this.intents = intents;
        this.confirmation = confirmation;
        this.operations = operations;
        this.paymentMethods = paymentMethods;
        this.customers = customers;
        this.validation = validation;
        this.binder = binder;
        this.idempotency = idempotency;
        this.responses = responses;
        this.tx = tx;
    }

    @PostMapping("/v1/payment_intents")
    @ApiContract(params = PaymentIntentRequests.Create.class, returns = "payment_intent", summary = "Create a payment intent (and confirm it with confirm=true)", cardErrors = true)
    @Access(resource = "payment_intents", level = Access.Level.WRITE)
    ResponseEntity<String> create(CallContext ctx, RawParams params) {
        PaymentIntentRequests.Create body = binder.bind(params.values(), PaymentIntentRequests.Create.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        NewPaymentIntent request = validation.forCreate(ctx, body);
        boolean confirm = Boolean.TRUE.equals(body.confirm());
        ConfirmRequest confirmRequest = confirm ? validation.forConfirm(ctx, null, body.paymentMethodData(), body.returnUrl(),
                null, null, null, null, Set.of()) : null;
        return idempotency.execute(ctx, "POST", "/v1/payment_intents", params, () -> {
            Supplier<PaymentConfirmation.Drafted> draft = () -> {
                PaymentMethod pm = null;
                if (body.paymentMethod() != null) {
                    pm = paymentMethods.forPayment(ctx, body.paymentMethod());
                } else if (body.paymentMethodData() != null && !confirm) {
                    pm = paymentMethods.create(ctx, validation.paymentMethodData(body.paymentMethodData()));
                }
                return new PaymentConfirmation.Drafted(intents.draft(ctx, withPaymentMethod(request, pm == null ? null : pm.id())), pm);
            };
            if (confirm) {
                return confirmation.createAndConfirm(ctx, draft, confirmRequest, confirmed -> render(ctx, confirmed, body.expand()));
            }
            PaymentIntent created = tx.execute(status -> intents.store(ctx, draft.get().intent()));
            return render(ctx, created, body.expand());
        }, new IdempotencyGate.Recovery("pi", created -> recovered(ctx, created, body.expand())));
    }

    @GetMapping("/v1/payment_intents/{id}")
    @ApiContract(params = PaymentIntentRequests.Retrieve.class, returns = "payment_intent", summary = "Retrieve a payment intent")
    @Access(resource = "payment_intents", level = Access.Level.READ, publishable = true)
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentIntentRequests.Retrieve body = binder.bind(params.values(), PaymentIntentRequests.Retrieve.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        PaymentIntentService.WithAttempts found = intents.getWithAttempts(ctx, id);
        checkClientSecret(ctx, found.intent(), body.clientSecret());
        return responses.ok(expand(ctx, found.render(), body.expand()));
    }

    @PostMapping("/v1/payment_intents/{id}")
    @ApiContract(params = PaymentIntentRequests.Update.class, returns = "payment_intent", summary = "Update a payment intent")
    @Access(resource = "payment_intents", level = Access.Level.WRITE)
    ResponseEntity<String> update(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentIntentRequests.Update body = binder.bind(params.values(), PaymentIntentRequests.Update.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        PaymentIntent current = intents.get(ctx, id);
        Map<String, String> metadata = body.metadata() == null ? null : body.metadata().applyTo(current.metadata());
        PaymentIntentChanges changes = validation.forUpdate(ctx, body, new HashSet<>(params.values().keySet()),
                current.currency(), current.amount(), current.paymentMethodTypes(), metadata);
        return idempotency.execute(ctx, "POST", "/v1/payment_intents/" + id, params, () -> tx.execute(status -> {
            PaymentIntentChanges resolved = changes;
            if (changes.paymentMethodId() != null) {
                resolved = withPaymentMethod(changes, paymentMethods.forPayment(ctx, changes.paymentMethodId()).id());
            }
            return render(ctx, intents.update(ctx, id, resolved), body.expand());
        }));
    }

    @PostMapping("/v1/payment_intents/{id}/confirm")
    @ApiContract(params = PaymentIntentRequests.Confirm.class, returns = "payment_intent", summary = "Confirm a payment intent", cardErrors = true)
    @Access(resource = "payment_intents", level = Access.Level.WRITE, publishable = true)
    ResponseEntity<String> confirm(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentIntentRequests.Confirm body = binder.bind(params.values(), PaymentIntentRequests.Confirm.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        checkClientSecret(ctx, intents.get(ctx, id), body.clientSecret());
        ConfirmRequest request = validation.forConfirm(ctx, body.paymentMethod(), body.paymentMethodData(), body.returnUrl(),
                body.receiptEmail(), body.setupFutureUsage(), body.shipping(), body.captureMethod(),
                new HashSet<>(params.values().keySet()));
        return idempotency.execute(ctx, "POST", "/v1/payment_intents/" + id + "/confirm", params,
                () -> confirmation.confirm(ctx, id, request, confirmed -> render(ctx, confirmed, body.expand())),
                new IdempotencyGate.Recovery("pi", confirmed -> recovered(ctx, confirmed, body.expand())));
    }

    @PostMapping("/v1/payment_intents/{id}/capture")
    @ApiContract(params = PaymentIntentRequests.Capture.class, returns = "payment_intent", summary = "Capture an authorized payment intent")
    @Access(resource = "payment_intents", level = Access.Level.WRITE)
    ResponseEntity<String> capture(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentIntentRequests.Capture body = binder.bind(params.values(), PaymentIntentRequests.Capture.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        if (body.amountToCapture() != null && body.amountToCapture() < 1) {
            throw ApiException.invalidParam("amount_to_capture", "Invalid positive integer: amount_to_capture must be at least 1.");
        }
        PaymentIntent current = intents.get(ctx, id);
        Map<String, String> metadata = body.metadata() == null ? null : body.metadata().applyTo(current.metadata());
        return idempotency.execute(ctx, "POST", "/v1/payment_intents/" + id + "/capture", params, () -> {
            if (metadata != null) {
                intents.update(ctx, id, new PaymentIntentChanges(null, null, null, null, null, null, null, null, null, null,
                        null, null, metadata, Set.of("metadata")));
            }
            return render(ctx, operations.capture(ctx, id, body.amountToCapture()), body.expand());
        });
    }

    @PostMapping("/v1/payment_intents/{id}/cancel")
    @ApiContract(params = PaymentIntentRequests.Cancel.class, returns = "payment_intent", summary = "Cancel a payment intent")
    @Access(resource = "payment_intents", level = Access.Level.WRITE)
    ResponseEntity<String> cancel(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentIntentRequests.Cancel body = binder.bind(params.values(), PaymentIntentRequests.Cancel.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        PaymentIntentParams.oneOf("cancellation_reason", body.cancellationReason(), PaymentIntentParams.CANCELLATION_REASONS);
        intents.get(ctx, id);
        return idempotency.execute(ctx, "POST", "/v1/payment_intents/" + id + "/cancel", params,
                () -> render(ctx, operations.cancel(ctx, id, body.cancellationReason()), body.expand()));
    }

    @GetMapping("/v1/payment_intents")
    @ApiContract(params = PaymentIntentRequests.ListParams.class, returns = "payment_intent", shape = ApiContract.Shape.LIST, summary = "List payment intents")
    @Access(resource = "payment_intents", level = Access.Level.READ)
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        PaymentIntentRequests.ListParams query = binder.bind(params.values(), PaymentIntentRequests.ListParams.class);
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = intents.list(ctx, query.customer(), query.created(),
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        Map<String, Map<String, Object>> views = intents.renderAll(page.data());
        return responses.ok(page.toListObject("/v1/payment_intents", p -> expand(ctx, views.get(p.id()), strip(query.expand()))));
    }

    @GetMapping("/v1/payment_intents/search")
    @ApiContract(params = PaymentIntentRequests.SearchParams.class, returns = "payment_intent", shape = ApiContract.Shape.SEARCH_RESULT, summary = "Search payment intents")
    @Access(resource = "payment_intents", level = Access.Level.READ)
    ResponseEntity<String> search(CallContext ctx, RawParams params) {
        PaymentIntentRequests.SearchParams query = binder.bind(params.values(), PaymentIntentRequests.SearchParams.class);
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = intents.search(ctx, query.query(), PageRequest.of(query.limit(), query.page(), null));
        Map<String, Map<String, Object>> views = intents.renderAll(page.data());
        return responses.ok(page.toSearchResult("/v1/payment_intents/search", p -> expand(ctx, views.get(p.id()),
                strip(query.expand())), PaymentIntent::id));
    }

    private static List<String> strip(List<String> expand) {
        return expand == null ? null : expand.stream().map(e -> e.startsWith("data.") ? e.substring(5) : e).toList();
    }

    /** The intent a request created or confirmed, as it stands now: a retry's answer when that request died. */
    private Map<String, Object> recovered(CallContext ctx, String id, List<String> expand) {
        return expand(ctx, intents.getWithAttempts(ctx, id).render(), expand);
    }

    private Map<String, Object> render(CallContext ctx, PaymentIntent intent, List<String> expand) {
        return expand(ctx, intents.render(intent), expand);
    }

    /** A confirmed intent, with the attempts its outcome's transaction already read when it did. */
    private Map<String, Object> render(CallContext ctx, PaymentConfirmation.Confirmed confirmed, List<String> expand) {
        return confirmed.attempts() == null ? render(ctx, confirmed.intent(), expand)
                : expand(ctx, PaymentViews.intent(confirmed.intent(), confirmed.attempts()), expand);
    }

    private Map<String, Object> expand(CallContext ctx, Map<String, Object> out, List<String> expand) {
        Expansion.expand(out, expand, false, "latest_charge", id -> PaymentViews.charge(intents.getCharge(ctx, id)));
        Expansion.expand(out, expand, false, "customer", id -> customers.get(ctx, id).render());
        Expansion.expand(out, expand, false, "payment_method", id -> paymentMethods.get(ctx, id).render());
        return out;
    }

    /** Publishable keys reach an intent only with its client secret. */
    private static void checkClientSecret(CallContext ctx, PaymentIntent intent, String clientSecret) {
        if (!ctx.caller().isPublishable()) {
            return;
        }
        if (clientSecret == null) {
            throw ApiException.permission("A publishable key needs the PaymentIntent's client_secret for this request.");
        }
        if (!Secret.of(intent.clientSecret()).matches(clientSecret)) {
            throw ApiException.invalidRequest("payment_intent_invalid_parameter", "The client_secret provided does not match "
                    + "the client_secret associated with the PaymentIntent.", "client_secret");
        }
    }

    private static NewPaymentIntent withPaymentMethod(NewPaymentIntent r, String pm) {
        return new NewPaymentIntent(r.amount(), r.currency(), r.captureMethod(), r.confirmationMethod(), r.customerId(), pm,
                r.paymentMethodTypes(), r.description(), r.receiptEmail(), r.statementDescriptor(),
                r.statementDescriptorSuffix(), r.setupFutureUsage(), r.shipping(), r.returnUrl(), r.metadata());
    }

    private static PaymentIntentChanges withPaymentMethod(PaymentIntentChanges c, String pm) {
        return new PaymentIntentChanges(c.amount(), c.currency(), c.captureMethod(), c.customerId(), pm,
                c.paymentMethodTypes(), c.description(), c.receiptEmail(), c.statementDescriptor(),
                c.statementDescriptorSuffix(), c.setupFutureUsage(), c.shipping(), c.metadata(), c.present());
    }
}

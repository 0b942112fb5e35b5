package io.paygate.refund.web;

import io.paygate.payment.PaymentIntentService;
import io.paygate.payment.PaymentViews;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.idempotency.IdempotencyGate;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.Access;
import io.paygate.platform.web.ApiContract;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.Expansion;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RangeFilter;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import io.paygate.refund.Refund;
import io.paygate.refund.RefundService;
import io.paygate.ledger.Ledger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RefundController {

    private static final Set<String> EXPANDABLE = Set.of("charge", "payment_intent", "balance_transaction");
    private static final Set<String> REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");

    record Create(String charge, String paymentIntent, Long amount, String currency, String reason, MetadataUpdate metadata,
                  List<String> expand) {
    }

    record Update(MetadataUpdate metadata, List<String> expand) {
    }

    record Expand(List<String> expand) {
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, String charge, String paymentIntent,
                      RangeFilter created, List<String> expand) {
    }

    private final RefundService refunds;
    private final PaymentIntentService intents;
    private final Ledger ledger;
    private final RequestBinder binder;
    private final IdempotencyGate idempotency;
    private final ApiResponses responses;

    RefundController(RefundService refunds, PaymentIntentService intents, Ledger ledger, RequestBinder binder,
                     IdempotencyGate idempotency, ApiResponses responses) {
        this.refunds = refunds;
        this.intents = intents;
        this.ledger = ledger;
        this.binder = binder;
        this.idempotency = idempotency;
        this.responses = responses;
    }

    @PostMapping("/v1/refunds")
    @Access(resource = "refunds", level = Access.Level.WRITE)
    @ApiContract(params = Create.class, returns = "refund", summary = "Refund a charge or payment intent, fully or partly")
    ResponseEntity<String> create(CallContext ctx, RawParams params) {
        Create body = binder.bind(params.values(), Create.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        if ((body.charge() == null) == (body.paymentIntent() == null)) {
            throw ApiException.invalidRequest("parameter_missing", "Pass exactly one of charge and payment_intent.", "charge");
        }
        if (body.amount() != null && body.amount() < 1) {
            throw ApiException.invalidParam("amount", "Invalid positive integer: amount must be at least 1.");
        }
        if (body.reason() != null && !REASONS.contains(body.reason())) {
            throw ApiException.invalidParam("reason", "Invalid reason: must be one of duplicate, fraudulent, requested_by_customer.");
        }
        RefundService.NewRefund request = new RefundService.NewRefund(body.charge(), body.paymentIntent(), body.amount(),
                body.currency(), body.reason(), MetadataUpdate.orEmpty(body.metadata()));
        // The target's state is checked inside the gate: a retry of a refund that canceled its intent (or
        // refunded all of it) replays the first answer instead of being refused by the state it left.
        return idempotency.execute(ctx, "POST", "/v1/refunds", params, () -> {
                    refunds.validate(ctx, request);
                    return render(ctx, refunds.create(ctx, request), body.expand(), false);
                },
                new IdempotencyGate.Recovery("re", created -> render(ctx, refunds.get(ctx, created), body.expand(), false)));
    }

    @GetMapping("/v1/refunds/{id}")
    @Access(resource = "refunds", level = Access.Level.READ)
    @ApiContract(params = Expand.class, returns = "refund", summary = "Retrieve a refund")
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        Expand body = binder.bind(params.values(), Expand.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        return responses.ok(render(ctx, refunds.get(ctx, id), body.expand(), false));
    }

    @PostMapping("/v1/refunds/{id}")
    @Access(resource = "refunds", level = Access.Level.WRITE)
    @ApiContract(params = Update.class, returns = "refund", summary = "Update a refund's metadata")
    ResponseEntity<String> update(CallContext ctx, @PathVariable String id, RawParams params) {
        Update body = binder.bind(params.values(), Update.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        Refund current = refunds.get(ctx, id);
        Map<String, String> metadata = body.metadata() == null ? current.metadata() : body.metadata().applyTo(current.metadata());
        return idempotency.execute(ctx, "POST", "/v1/refunds/" + id, params,
                () -> render(ctx, refunds.updateMetadata(ctx, id, metadata), body.expand(), false));
    }

    @PostMapping("/v1/refunds/{id}/cancel")
    @Access(resource = "refunds", level = Access.Level.WRITE)
    @ApiContract(params = Expand.class, returns = "refund", summary = "Cancel a pending refund")
    ResponseEntity<String> cancel(CallContext ctx, @PathVariable String id, RawParams params) {
        Expand body = binder.bind(params.values(), Expand.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        refunds.get(ctx, id);
        return idempotency.execute(ctx, "POST", "/v1/refunds/" + id + "/cancel", params,
                () -> render(ctx, refunds.cancel(ctx, id), body.expand(), false));
    }

    @GetMapping("/v1/refunds")
    @Access(resource = "refunds", level = Access.Level.READ)
    @ApiContract(params = ListParams.class, returns = "refund", shape = ApiContract.Shape.LIST, summary = "List refunds")
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        ListParams query = binder.bind(params.values(), ListParams.class);
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = refunds.list(ctx, query.charge(), query.paymentIntent(), query.created(),
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/refunds", r -> render(ctx, r, query.expand(), true)));
    }

    private Map<String, Object> render(CallContext ctx, Refund refund, List<String> expand, boolean list) {
        Map<String, Object> out = refund.render();
        Expansion.expand(out, expand, list, "charge", id -> PaymentViews.charge(intents.getCharge(ctx, id)));
        Expansion.expand(out, expand, list, "payment_intent", id -> intents.render(intents.get(ctx, id)));
        Expansion.expand(out, expand, list, "balance_transaction",
                id -> ledger.balanceTransaction(ctx.merchantId(), ctx.livemode(), id).render());
        return out;
    }
}

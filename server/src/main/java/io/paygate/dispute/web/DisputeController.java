package io.paygate.dispute.web;

import io.paygate.dispute.Dispute;
import io.paygate.dispute.DisputeService;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DisputeController {

    private static final Set<String> EXPANDABLE = Set.of("charge", "payment_intent");
    private static final int MAX_EVIDENCE_CHARS = 150_000;

    record Update(Map<String, String> evidence, MetadataUpdate metadata, Boolean submit, List<String> expand) {
    }

    record Expand(List<String> expand) {
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, String charge, String paymentIntent,
                      RangeFilter created, List<String> expand) {
    }

    private final DisputeService disputes;
    private final PaymentIntentService intents;
    private final RequestBinder binder;
    private final IdempotencyGate idempotency;
    private final ApiResponses responses;

    DisputeController(DisputeService disputes, PaymentIntentService intents, RequestBinder binder, IdempotencyGate idempotency,
                      ApiResponses responses) {
        this.disputes = disputes;
        this.intents = intents;
        this.binder = binder;
        this.idempotency = idempotency;
        this.responses = responses;
    }

    @GetMapping("/v1/disputes/{id}")
    @Access(resource = "disputes", level = Access.Level.READ)
    @ApiContract(params = Expand.class, returns = "dispute", summary = "Retrieve a dispute")
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        Expand body = binder.bind(params.values(), Expand.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        return responses.ok(render(ctx, disputes.get(ctx, id), body.expand(), false));
    }

    @PostMapping("/v1/disputes/{id}")
    @Access(resource = "disputes", level = Access.Level.WRITE)
    @ApiContract(params = Update.class, returns = "dispute", summary = "Update a dispute's evidence or metadata; submit=true sends the evidence")
    ResponseEntity<String> update(CallContext ctx, @PathVariable String id, RawParams params) {
        Update body = binder.bind(params.values(), Update.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        Dispute current = disputes.get(ctx, id);
        if (body.evidence() != null) {
            long total = 0;
            for (Map.Entry<String, String> field : body.evidence().entrySet()) {
                if (!Dispute.EVIDENCE_FIELDS.contains(field.getKey())) {
                    throw ApiException.unknownParam("evidence[" + field.getKey() + "]");
                }
                total += field.getValue() == null ? 0 : field.getValue().length();
            }
            if (total > MAX_EVIDENCE_CHARS) {
                throw ApiException.invalidParam("evidence", "Evidence may have at most " + MAX_EVIDENCE_CHARS + " characters in all.");
            }
        }
        Map<String, String> metadata = body.metadata() == null ? null : body.metadata().applyTo(current.metadata());
        boolean submit = Boolean.TRUE.equals(body.submit());
        if ((body.evidence() != null || submit) && !current.acceptsEvidence()) {
            throw ApiException.invalidRequest(Dispute.isClosed(current.status()) ? "dispute_closed" : "dispute_under_review",
                    "This dispute has a status of " + current.status() + " and no longer takes evidence.", null);
        }
        return idempotency.execute(ctx, "POST", "/v1/disputes/" + id, params,
                () -> render(ctx, disputes.update(ctx, id, body.evidence(), metadata, submit), body.expand(), false));
    }

    @PostMapping("/v1/disputes/{id}/close")
    @Access(resource = "disputes", level = Access.Level.WRITE)
    @ApiContract(params = Expand.class, returns = "dispute", summary = "Accept a dispute (it is closed as lost)")
    ResponseEntity<String> close(CallContext ctx, @PathVariable String id, RawParams params) {
        Expand body = binder.bind(params.values(), Expand.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        Dispute current = disputes.get(ctx, id);
        if (!current.acceptsEvidence()) {
            throw ApiException.invalidRequest(Dispute.isClosed(current.status()) ? "dispute_closed" : "dispute_under_review",
                    "This dispute has a status of " + current.status() + " and cannot be closed.", null);
        }
        return idempotency.execute(ctx, "POST", "/v1/disputes/" + id + "/close", params,
                () -> render(ctx, disputes.close(ctx, id), body.expand(), false));
    }

    @GetMapping("/v1/disputes")
    @Access(resource = "disputes", level = Access.Level.READ)
    @ApiContract(params = ListParams.class, returns = "dispute", shape = ApiContract.Shape.LIST, summary = "List disputes")
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        ListParams query = binder.bind(params.values(), ListParams.class);
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = disputes.list(ctx, query.charge(), query.paymentIntent(), query.created(),
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/disputes", d -> render(ctx, d, query.expand(), true)));
    }

    private Map<String, Object> render(CallContext ctx, Dispute dispute, List<String> expand, boolean list) {
        Map<String, Object> out = new LinkedHashMap<>(disputes.render(dispute));
        Expansion.expand(out, expand, list, "charge", id -> PaymentViews.charge(intents.getCharge(ctx, id)));
        Expansion.expand(out, expand, list, "payment_intent", id -> intents.render(intents.get(ctx, id)));
        return out;
    }
}

package io.paygate.payment.web;

import io.paygate.platform.web.ApiContract;
import io.paygate.customer.CustomerService;
import io.paygate.payment.Charge;
import io.paygate.payment.PaymentIntentService;
import io.paygate.payment.PaymentViews;
import io.paygate.paymentmethod.PaymentMethodService;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.Access;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.Expansion;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Charges: one per confirmation attempt, read-only here (refunds and disputes come with the ledger). */
@RestController
class ChargeController {

    private static final Set<String> EXPANDABLE = Set.of("customer", "payment_intent", "payment_method", "balance_transaction");

    record Retrieve(List<String> expand) {
    }

    private final PaymentIntentService intents;
    private final CustomerService customers;
    private final PaymentMethodService paymentMethods;
    private final RequestBinder binder;
    private final ApiResponses responses;
    private final io.paygate.ledger.Ledger ledger;

    ChargeController(PaymentIntentService intents, CustomerService customers, PaymentMethodService paymentMethods,
                     RequestBinder binder, ApiResponses responses, io.paygate.ledger.Ledger ledger) {
        this.intents = intents;
        this.customers = customers;
        this.paymentMethods = paymentMethods;
        this.binder = binder;
        this.responses = responses;
        this.ledger = ledger;
    }

    @GetMapping("/v1/charges/{id}")
    @ApiContract(params = Retrieve.class, returns = "charge", summary = "Retrieve a charge")
    @Access(resource = "charges", level = Access.Level.READ)
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        Retrieve body = binder.bind(params.values(), Retrieve.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        return responses.ok(render(ctx, intents.getCharge(ctx, id), body.expand(), false));
    }

    @GetMapping("/v1/charges")
    @ApiContract(params = PaymentIntentRequests.ChargeList.class, returns = "charge", shape = ApiContract.Shape.LIST, summary = "List charges")
    @Access(resource = "charges", level = Access.Level.READ)
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        PaymentIntentRequests.ChargeList query = binder.bind(params.values(), PaymentIntentRequests.ChargeList.class);
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = intents.listCharges(ctx, query.customer(), query.paymentIntent(), query.created(),
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/charges", c -> render(ctx, c, query.expand(), true)));
    }

    private Map<String, Object> render(CallContext ctx, Charge charge, List<String> expand, boolean list) {
        Map<String, Object> out = PaymentViews.charge(charge);
        Expansion.expand(out, expand, list, "customer", id -> customers.get(ctx, id).render());
        Expansion.expand(out, expand, list, "payment_intent", id -> intents.render(intents.get(ctx, id)));
        Expansion.expand(out, expand, list, "payment_method", id -> paymentMethods.get(ctx, id).render());
        Expansion.expand(out, expand, list, "balance_transaction",
                id -> ledger.balanceTransaction(ctx.merchantId(), ctx.livemode(), id).render());
        return out;
    }
}

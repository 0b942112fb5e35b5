package io.paygate.paymentmethod.web;

import io.paygate.platform.web.ApiContract;
import io.paygate.connector.spi.Secret;
import io.paygate.customer.CustomerService;
import io.paygate.paymentmethod.BillingDetails;
import io.paygate.paymentmethod.PaymentMethod;
import io.paygate.paymentmethod.PaymentMethodService;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.idempotency.IdempotencyGate;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.Access;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.Expansion;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentMethodController {

    private static final Set<String> EXPANDABLE = Set.of("customer");

    private final PaymentMethodService paymentMethods;
    private final CustomerService customers;
    private final RequestBinder binder;
    private final IdempotencyGate idempotency;
    private final ApiResponses responses;

    PaymentMethodController(PaymentMethodService paymentMethods, CustomerService customers, RequestBinder binder,
                            IdempotencyGate idempotency, ApiResponses responses) {
        this.paymentMethods = paymentMethods;
        this.customers = customers;
        this.binder = binder;
        this.idempotency = idempotency;
        this.responses = responses;
    }

    @PostMapping("/v1/payment_methods")
    @ApiContract(params = PaymentMethodRequests.Create.class, returns = "payment_method", summary = "Create a payment method", cardErrors = true)
    @Access(resource = "payment_methods", level = Access.Level.WRITE, publishable = true)
    ResponseEntity<String> create(CallContext ctx, RawParams params) {
        PaymentMethodRequests.Create body = binder.bind(params.values(), PaymentMethodRequests.Create.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        PaymentMethodService.NewPaymentMethod request = new PaymentMethodService.NewPaymentMethod(body.type(),
                body.card() == null ? null : new PaymentMethodService.CardInput(Secret.ofNullable(body.card().number()),
                        body.card().expMonth(), body.card().expYear(), Secret.ofNullable(body.card().cvc())),
                body.upi() == null ? null : body.upi().vpa(),
                body.netbanking() == null ? null : body.netbanking().bank(),
                body.billingDetails() == null ? BillingDetails.empty() : body.billingDetails().toBillingDetails().render(),
                MetadataUpdate.orEmpty(body.metadata()));
        if (body.upi() != null && body.upi().vpa() == null) {
            throw ApiException.missingParam("upi[vpa]");
        }
        paymentMethods.validate(request);
        return idempotency.execute(ctx, "POST", "/v1/payment_methods", params,
                () -> render(ctx, paymentMethods.create(ctx, request), body.expand(), false),
                new IdempotencyGate.Recovery("pm", created -> render(ctx, paymentMethods.get(ctx, created), body.expand(), false)));
    }

    @GetMapping("/v1/payment_methods/{id}")
    @ApiContract(params = PaymentMethodRequests.Expand.class, returns = "payment_method", summary = "Retrieve a payment method")
    @Access(resource = "payment_methods", level = Access.Level.READ)
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentMethodRequests.Expand body = binder.bind(params.values(), PaymentMethodRequests.Expand.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        return responses.ok(render(ctx, paymentMethods.get(ctx, id), body.expand(), false));
    }

    @PostMapping("/v1/payment_methods/{id}")
    @ApiContract(params = PaymentMethodRequests.Update.class, returns = "payment_method", summary = "Update a payment method", cardErrors = true)
    @Access(resource = "payment_methods", level = Access.Level.WRITE)
    ResponseEntity<String> update(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentMethodRequests.Update body = binder.bind(params.values(), PaymentMethodRequests.Update.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        PaymentMethod current = paymentMethods.get(ctx, id);
        Map<String, String> metadata = body.metadata() == null ? null : body.metadata().applyTo(current.metadata());
        return idempotency.execute(ctx, "POST", "/v1/payment_methods/" + id, params, () -> render(ctx,
                paymentMethods.update(ctx, id,
                        body.billingDetails() == null ? null : body.billingDetails().toBillingDetails().render(),
                        body.card() == null ? null : body.card().expMonth(),
                        body.card() == null ? null : body.card().expYear(), metadata),
                body.expand(), false));
    }

    @PostMapping("/v1/payment_methods/{id}/attach")
    @ApiContract(params = PaymentMethodRequests.Attach.class, returns = "payment_method", summary = "Attach a payment method to a customer")
    @Access(resource = "payment_methods", level = Access.Level.WRITE)
    ResponseEntity<String> attach(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentMethodRequests.Attach body = binder.bind(params.values(), PaymentMethodRequests.Attach.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        paymentMethods.get(ctx, id);
        if (body.customer() == null) {
            throw ApiException.missingParam("customer");
        }
        return idempotency.execute(ctx, "POST", "/v1/payment_methods/" + id + "/attach", params,
                () -> render(ctx, paymentMethods.attach(ctx, id, body.customer()), body.expand(), false));
    }

    @PostMapping("/v1/payment_methods/{id}/detach")
    @ApiContract(params = PaymentMethodRequests.Expand.class, returns = "payment_method", summary = "Detach a payment method from its customer")
    @Access(resource = "payment_methods", level = Access.Level.WRITE)
    ResponseEntity<String> detach(CallContext ctx, @PathVariable String id, RawParams params) {
        PaymentMethodRequests.Expand body = binder.bind(params.values(), PaymentMethodRequests.Expand.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        return idempotency.execute(ctx, "POST", "/v1/payment_methods/" + id + "/detach", params,
                () -> render(ctx, paymentMethods.detach(ctx, id), body.expand(), false));
    }

    @GetMapping("/v1/payment_methods")
    @ApiContract(params = PaymentMethodRequests.ListParams.class, returns = "payment_method", shape = ApiContract.Shape.LIST, summary = "List payment methods")
    @Access(resource = "payment_methods", level = Access.Level.READ)
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        PaymentMethodRequests.ListParams query = binder.bind(params.values(), PaymentMethodRequests.ListParams.class);
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = paymentMethods.list(ctx, query.customer(), query.type(),
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/payment_methods", pm -> render(ctx, pm, query.expand(), true)));
    }

    @GetMapping("/v1/customers/{customer}/payment_methods")
    @ApiContract(params = PaymentMethodRequests.ListParams.class, returns = "payment_method", shape = ApiContract.Shape.LIST, summary = "List a customer's payment methods")
    @Access(resource = "payment_methods", level = Access.Level.READ)
    ResponseEntity<String> listForCustomer(CallContext ctx, @PathVariable String customer, RawParams params) {
        PaymentMethodRequests.ListParams query = binder.bind(params.values(), PaymentMethodRequests.ListParams.class);
        if (query.customer() != null) {
            throw ApiException.unknownParam("customer");
        }
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = paymentMethods.list(ctx, customer, query.type(),
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/customers/" + customer + "/payment_methods",
                pm -> render(ctx, pm, query.expand(), true)));
    }

    @GetMapping("/v1/customers/{customer}/payment_methods/{id}")
    @ApiContract(params = PaymentMethodRequests.Expand.class, returns = "payment_method", summary = "Retrieve a customer's payment method")
    @Access(resource = "payment_methods", level = Access.Level.READ)
    ResponseEntity<String> retrieveForCustomer(CallContext ctx, @PathVariable String customer, @PathVariable String id,
                                               RawParams params) {
        PaymentMethodRequests.Expand body = binder.bind(params.values(), PaymentMethodRequests.Expand.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        customers.requireActive(ctx, customer, "customer");
        PaymentMethod pm = paymentMethods.get(ctx, id);
        if (!customer.equals(pm.customerId())) {
            throw ApiException.notFound("payment_method", id, "payment_method");
        }
        return responses.ok(render(ctx, pm, body.expand(), false));
    }

    private Map<String, Object> render(CallContext ctx, PaymentMethod pm, List<String> expand, boolean list) {
        Map<String, Object> out = pm.render();
        Expansion.expand(out, expand, list, "customer", id -> customers.get(ctx, id).render());
        return out;
    }
}

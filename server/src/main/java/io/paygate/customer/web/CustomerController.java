package io.paygate.customer.web;

import io.paygate.platform.web.ApiContract;
import io.paygate.customer.Customer;
import io.paygate.customer.CustomerService;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CustomerController {

    private static final Set<String> EXPANDABLE = Set.of("invoice_settings.default_payment_method");

    private final CustomerService customers;
    private final PaymentMethodService paymentMethods;
    private final RequestBinder binder;
    private final IdempotencyGate idempotency;
    private final ApiResponses responses;
    private final TransactionTemplate tx;

    CustomerController(CustomerService customers, PaymentMethodService paymentMethods, RequestBinder binder,
                       IdempotencyGate idempotency, ApiResponses responses, TransactionTemplate tx) {
        this.customers = customers;
        this.paymentMethods = paymentMethods;
        this.binder = binder;
        this.idempotency = idempotency;
        this.responses = responses;
        this.tx = tx;
    }

    @PostMapping("/v1/customers")
    @ApiContract(params = CustomerRequests.Create.class, returns = "customer", summary = "Create a customer")
    @Access(resource = "customers", level = Access.Level.WRITE)
    ResponseEntity<String> create(CallContext ctx, RawParams params) {
        CustomerRequests.Create body = binder.bind(params.values(), CustomerRequests.Create.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        validateText(body.email(), body.name(), body.phone(), body.description());
        String defaultPm = body.invoiceSettings() == null ? null : body.invoiceSettings().defaultPaymentMethod();
        if (defaultPm != null && !defaultPm.equals(body.paymentMethod())) {
            throw ApiException.invalidParam("invoice_settings[default_payment_method]",
                    "The default payment method must be attached to the customer; pass it as payment_method too.");
        }
        if (body.paymentMethod() != null) {
            paymentMethods.get(ctx, body.paymentMethod());
        }
        CustomerService.CustomerFields fields = new CustomerService.CustomerFields(body.email(), body.name(), body.phone(),
                body.description(), body.address() == null ? null : body.address().render(),
                body.shipping() == null ? null : body.shipping().toShipping().render(), defaultPm,
                MetadataUpdate.orEmpty(body.metadata()), Set.of());
        return idempotency.execute(ctx, "POST", "/v1/customers", params, () -> tx.execute(status -> {
            Customer customer = customers.create(ctx, fields);
            if (body.paymentMethod() != null) {
                paymentMethods.attach(ctx, body.paymentMethod(), customer.id());
            }
            return render(ctx, customer, body.expand());
        }), new IdempotencyGate.Recovery("cus", created -> render(ctx, customers.get(ctx, created), body.expand())));
    }

    @GetMapping("/v1/customers/{id}")
    @ApiContract(params = CustomerRequests.Expand.class, returns = "customer", summary = "Retrieve a customer")
    @Access(resource = "customers", level = Access.Level.READ)
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        CustomerRequests.Expand body = binder.bind(params.values(), CustomerRequests.Expand.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        return responses.ok(render(ctx, customers.get(ctx, id), body.expand()));
    }

    @PostMapping("/v1/customers/{id}")
    @ApiContract(params = CustomerRequests.Update.class, returns = "customer", summary = "Update a customer")
    @Access(resource = "customers", level = Access.Level.WRITE)
    ResponseEntity<String> update(CallContext ctx, @PathVariable String id, RawParams params) {
        CustomerRequests.Update body = binder.bind(params.values(), CustomerRequests.Update.class);
        Expansion.check(body.expand(), EXPANDABLE, false);
        validateText(body.email(), body.name(), body.phone(), body.description());
        Customer current = customers.requireActive(ctx, id, "id");
        Set<String> present = new HashSet<>(params.values().keySet());
        String defaultPm = null;
        if (params.values().get("invoice_settings") instanceof Map<?, ?> settings && settings.containsKey("default_payment_method")) {
            present.add("default_payment_method");
            defaultPm = body.invoiceSettings().defaultPaymentMethod();
            if (defaultPm != null) {
                PaymentMethod pm = paymentMethods.get(ctx, defaultPm);
                if (!id.equals(pm.customerId())) {
                    throw ApiException.invalidParam("invoice_settings[default_payment_method]",
                            "No such PaymentMethod: '" + defaultPm + "'; it must be attached to this customer first.");
                }
            }
        }
        Map<String, String> metadata = body.metadata() == null ? null : body.metadata().applyTo(current.metadata());
        CustomerService.CustomerFields fields = new CustomerService.CustomerFields(body.email(), body.name(), body.phone(),
                body.description(), body.address() == null ? null : body.address().render(),
                body.shipping() == null ? null : body.shipping().toShipping().render(), defaultPm, metadata, present);
        return idempotency.execute(ctx, "POST", "/v1/customers/" + id, params,
                () -> render(ctx, customers.update(ctx, id, fields, metadata), body.expand()));
    }

    @DeleteMapping("/v1/customers/{id}")
    @ApiContract(params = CustomerRequests.Expand.class, returns = "customer", summary = "Delete a customer")
    @Access(resource = "customers", level = Access.Level.WRITE)
    ResponseEntity<String> delete(CallContext ctx, @PathVariable String id, RawParams params) {
        binder.bind(params.values(), CustomerRequests.Expand.class);
        return responses.ok(customers.delete(ctx, id).render());
    }

    @GetMapping("/v1/customers")
    @ApiContract(params = CustomerRequests.ListParams.class, returns = "customer", shape = ApiContract.Shape.LIST, summary = "List customers")
    @Access(resource = "customers", level = Access.Level.READ)
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        CustomerRequests.ListParams query = binder.bind(params.values(), CustomerRequests.ListParams.class);
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = customers.list(ctx, query.email(), query.created(),
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/customers", c -> render(ctx, c, query.expand())));
    }

    @GetMapping("/v1/customers/search")
    @ApiContract(params = CustomerRequests.SearchParams.class, returns = "customer", shape = ApiContract.Shape.SEARCH_RESULT, summary = "Search customers")
    @Access(resource = "customers", level = Access.Level.READ)
    ResponseEntity<String> search(CallContext ctx, RawParams params) {
        CustomerRequests.SearchParams query = binder.bind(params.values(), CustomerRequests.SearchParams.class);
        Expansion.check(query.expand(), EXPANDABLE, true);
        var page = customers.search(ctx, query.query(), PageRequest.of(query.limit(), query.page(), null));
        return responses.ok(page.toSearchResult("/v1/customers/search", c -> render(ctx, c, query.expand()), Customer::id));
    }

    private Map<String, Object> render(CallContext ctx, Customer customer, List<String> expand) {
        Map<String, Object> out = customer.render();
        if (Expansion.wants(expand, "invoice_settings.default_payment_method", false)
                || Expansion.wants(expand, "invoice_settings.default_payment_method", true)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) out.get("invoice_settings");
            if (settings != null && settings.get("default_payment_method") instanceof String pm) {
                settings.put("default_payment_method", paymentMethods.get(ctx, pm).render());
            }
        }
        return out;
    }

    private static void validateText(String email, String name, String phone, String description) {
        if (email != null && (email.length() > 512 || !email.contains("@"))) {
            throw ApiException.invalidParam("email", "Invalid email address: " + (email.length() > 80 ? email.substring(0, 80) : email));
        }
        if (name != null && name.length() > 256) {
            throw ApiException.invalidParam("name", "name must be at most 256 characters.");
        }
        if (phone != null && phone.length() > 64) {
            throw ApiException.invalidParam("phone", "phone must be at most 64 characters.");
        }
        if (description != null && description.length() > 1000) {
            throw ApiException.invalidParam("description", "description must be at most 1000 characters.");
        }
    }
}

package io.paygate.customer;

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
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customers: create, read, update, delete, list and search, each change with its event. */
@Service
public class CustomerService {

    /** The fields of a create or update; on update only those named in {@code present} change. */
    public record CustomerFields(String email, String name, String phone, String description, Map<String, Object> address,
                                 Map<String, Object> shipping, String defaultPaymentMethod, Map<String, String> metadata,
                                 Set<String> present) {
    }

    private static final SearchFields SEARCH = new SearchFields("customer", "id")
            .field("email", "email_lower", SearchFields.Kind.TEXT_STORED_LOWER_CASE)
            .field("name", "name", SearchFields.Kind.TEXT_CASE_INSENSITIVE)
            .field("phone", "phone", SearchFields.Kind.TEXT)
            .field("created", "created", SearchFields.Kind.INTEGER);

    private final CustomerRepository customers;
    private final MetadataIndex metadataIndex;
    private final EventLog events;
    private final Ids ids;
    private final Clock clock;
    private final RecoveryPoints recoveryPoints;

    CustomerService(CustomerRepository customers, MetadataIndex metadataIndex, EventLog events, Ids ids, Clock clock,
                    RecoveryPoints recoveryPoints) {
        this.customers = customers;
        this.metadataIndex = metadataIndex;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.recoveryPoints = recoveryPoints;
    }

    @Transactional
    public Customer create(CallContext ctx, CustomerFields fields) {
        Customer customer = new Customer(ids.next("cus"), ctx.merchantId(), ctx.livemode(), fields.email(), fields.name(),
                fields.phone(), fields.description(), fields.address(), fields.shipping(), fields.defaultPaymentMethod(),
                fields.metadata(), false, clock.instant().getEpochSecond());
        recoveryPoints.mark(customer.id());
        customers.insert(customer);
        metadataIndex.insert("customer", customer.id(), ctx.merchantId(), ctx.livemode(), customer.metadata());
        events.record(ctx, "customer.created", customer.render(), null);
        return customer;
    }

    public Customer get(CallContext ctx, String id) {
        Customer customer = find(ctx, id);
        return customer;
    }

    /** A customer that exists and is not deleted; 404 otherwise (also for other merchants' and modes' ids). */
    public Customer requireActive(CallContext ctx, String id, String param) {
        Customer customer = customers.find(ctx.merchantId(), ctx.livemode(), id, false)
                .orElseThrow(() -> ApiException.notFound("customer", id, param));
        if (customer.deleted()) {
            throw ApiException.notFound("customer", id, param);
        }
        return customer;
    }

    @Transactional
    public Customer update(CallContext ctx, String id, CustomerFields fields, Map<String, String> metadata) {
        Customer before = customers.find(ctx.merchantId(), ctx.livemode(), id, true)
                .orElseThrow(() -> ApiException.notFound("customer", id, "id"));
        if (before.deleted()) {
            throw ApiException.notFound("customer", id, "id");
        }
        Set<String> present = fields.present();
        Customer after = new Customer(before.id(), before.merchantId(), before.livemode(),
                present.contains("email") ? fields.email() : before.email(),
                present.contains("name") ? fields.name() : before.name(),
                present.contains("phone") ? fields.phone() : before.phone(),
                present.contains("description") ? fields.description() : before.description(),
                present.contains("address") ? fields.address() : before.address(),
                present.contains("shipping") ? fields.shipping() : before.shipping(),
                present.contains("default_payment_method") ? fields.defaultPaymentMethod() : before.defaultPaymentMethod(),
                metadata == null ? before.metadata() : metadata, false, before.created());
        customers.update(after);
        if (metadata != null) {
            metadataIndex.replace("customer", id, ctx.merchantId(), ctx.livemode(), after.metadata());
        }
        Map<String, Object> previous = Diff.previousAttributes(before.render(), after.render());
        if (!previous.isEmpty()) {
            events.record(ctx, "customer.updated", after.render(), previous);
        }
        return after;
    }

    @Transactional
    public Customer delete(CallContext ctx, String id) {
        Customer before = customers.find(ctx.merchantId(), ctx.livemode(), id, true)
                .orElseThrow(() -> ApiException.notFound("customer", id, "id"));
        if (before.deleted()) {
            throw ApiException.notFound("customer", id, "id");
        }
        Customer deleted = new Customer(before.id(), before.merchantId(), before.livemode(), before.email(), before.name(),
                before.phone(), before.description(), before.address(), before.shipping(), before.defaultPaymentMethod(),
                before.metadata(), true, before.created());
        customers.update(deleted);
        metadataIndex.delete(id);
        events.record(ctx, "customer.deleted", before.render(), null);
        return deleted;
    }

    /** Clears the default payment method when it is the one being detached. */
    @Transactional
    public void forgetDefaultPaymentMethod(CallContext ctx, String customerId, String paymentMethodId) {
        customers.find(ctx.merchantId(), ctx.livemode(), customerId, true)
                .filter(c -> paymentMethodId.equals(c.defaultPaymentMethod()))
                .ifPresent(c -> update(ctx, customerId, new CustomerFields(null, null, null, null, null, null, null, null,
                        Set.of("default_payment_method")), null));
    }

    public Page<Customer> list(CallContext ctx, String email, RangeFilter created, PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ? and deleted = false", ctx.merchantId(), ctx.livemode());
        if (email != null) {
            where.and("email = ?", email);
        }
        CreatedRange.apply(where, "id", "cus", created);
        return customers.page(where, page);
    }

    public Page<Customer> search(CallContext ctx, String query, PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ? and deleted = false", ctx.merchantId(), ctx.livemode());
        SEARCH.apply(SearchQuery.parse(query), ctx.merchantId(), ctx.livemode(), where);
        return customers.page(where, page);
    }

    private Customer find(CallContext ctx, String id) {
        return customers.find(ctx.merchantId(), ctx.livemode(), id, false)
                .orElseThrow(() -> ApiException.notFound("customer", id, "id"));
    }
}

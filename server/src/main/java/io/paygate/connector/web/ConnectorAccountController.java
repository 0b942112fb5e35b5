package io.paygate.connector.web;

import io.paygate.platform.web.ApiContract;
import io.paygate.connector.ConnectorAccountRecord;
import io.paygate.connector.ConnectorAccountService;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.idempotency.IdempotencyGate;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.Access;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/connector_accounts}: a merchant's processor accounts, in the same style as Stripe's resources. */
@RestController
class ConnectorAccountController {

    record Create(String connector, String displayName, Map<String, String> settings, Map<String, String> credentials,
                  String status, Long priority, MetadataUpdate metadata, List<String> expand) {
        @Override
        public String toString() {
            return "Create[" + connector + "]";
        }
    }

    record Update(String displayName, Map<String, String> settings, Map<String, String> credentials, String status,
                  Long priority, MetadataUpdate metadata, List<String> expand) {
        @Override
        public String toString() {
            return "Update[]";
        }
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, List<String> expand) {
    }

    record Expand(List<String> expand) {
    }

    private final ConnectorAccountService accounts;
    private final RequestBinder binder;
    private final IdempotencyGate idempotency;
    private final ApiResponses responses;

    ConnectorAccountController(ConnectorAccountService accounts, RequestBinder binder, IdempotencyGate idempotency,
                               ApiResponses responses) {
        this.accounts = accounts;
        this.binder = binder;
        this.idempotency = idempotency;
        this.responses = responses;
    }

    @PostMapping("/v1/connector_accounts")
    @ApiContract(params = Create.class, returns = "connector_account", summary = "Add a processor account")
    @Access(resource = "connector_accounts", level = Access.Level.WRITE)
    ResponseEntity<String> create(CallContext ctx, RawParams params) {
        Create body = binder.bind(params.values(), Create.class);
        if (body.connector() == null) {
            throw ApiException.missingParam("connector");
        }
        checkStatus(body.status());
        Integer priority = priority(body.priority());
        Map<String, String> settings = body.settings() == null ? Map.of() : body.settings();
        accounts.validate(body.connector(), settings, ctx.livemode());
        ConnectorAccountService.AccountChanges changes = new ConnectorAccountService.AccountChanges(body.displayName(),
                settings, body.credentials(), body.status(), priority, MetadataUpdate.orEmpty(body.metadata()));
        return idempotency.execute(ctx, "POST", "/v1/connector_accounts", params,
                () -> accounts.create(ctx, body.connector(), changes).render());
    }

    @GetMapping("/v1/connector_accounts/{id}")
    @ApiContract(params = Expand.class, returns = "connector_account", summary = "Retrieve a processor account")
    @Access(resource = "connector_accounts", level = Access.Level.READ)
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        binder.bind(params.values(), Expand.class);
        return responses.ok(accounts.get(ctx, id).render());
    }

    @PostMapping("/v1/connector_accounts/{id}")
    @ApiContract(params = Update.class, returns = "connector_account", summary = "Update a processor account")
    @Access(resource = "connector_accounts", level = Access.Level.WRITE)
    ResponseEntity<String> update(CallContext ctx, @PathVariable String id, RawParams params) {
        Update body = binder.bind(params.values(), Update.class);
        checkStatus(body.status());
        ConnectorAccountRecord current = accounts.get(ctx, id);
        Map<String, String> metadata = body.metadata() == null ? null : body.metadata().applyTo(current.metadata());
        ConnectorAccountService.AccountChanges changes = new ConnectorAccountService.AccountChanges(body.displayName(),
                body.settings(), body.credentials(), body.status(), priority(body.priority()), metadata);
        return idempotency.execute(ctx, "POST", "/v1/connector_accounts/" + id, params,
                () -> accounts.update(ctx, id, changes).render());
    }

    @GetMapping("/v1/connector_accounts")
    @ApiContract(params = ListParams.class, returns = "connector_account", shape = ApiContract.Shape.LIST, summary = "List processor accounts")
    @Access(resource = "connector_accounts", level = Access.Level.READ)
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        ListParams query = binder.bind(params.values(), ListParams.class);
        var page = accounts.list(ctx, PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/connector_accounts", ConnectorAccountRecord::render));
    }

    private static void checkStatus(String status) {
        if (status != null && !status.equals(ConnectorAccountRecord.ACTIVE) && !status.equals(ConnectorAccountRecord.DISABLED)) {
            throw ApiException.invalidParam("status", "status must be active or disabled.");
        }
    }

    private static Integer priority(Long priority) {
        if (priority == null) {
            return null;
        }
        if (priority < 0 || priority > 1000) {
            throw ApiException.invalidParam("priority", "priority must be between 0 and 1000.");
        }
        return priority.intValue();
    }
}

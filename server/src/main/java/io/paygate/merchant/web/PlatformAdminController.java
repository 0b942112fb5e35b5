package io.paygate.merchant.web;

import io.paygate.platform.web.ApiContract;
import io.paygate.connector.spi.Currency;
import io.paygate.merchant.ApiKey;
import io.paygate.merchant.ApiKeyService;
import io.paygate.merchant.IssuedKey;
import io.paygate.merchant.MerchantService;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.idempotency.IdempotencyGate;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.AdminOnly;
import io.paygate.platform.security.ApiCaller;
import io.paygate.platform.security.KeyKind;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import io.paygate.connector.spi.RequestTrace;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform administration: onboard merchants and manage their API keys. Authenticated with the
 * admin token, never with a merchant's key.
 */
@RestController
@AdminOnly
class PlatformAdminController {

    private static final ApiCaller PLATFORM = new ApiCaller("platform", false, null, KeyKind.SECRET, null);

    private final MerchantService merchants;
    private final ApiKeyService keys;
    private final RequestBinder binder;
    private final IdempotencyGate idempotency;
    private final ApiResponses responses;
    private final Clock clock;

    PlatformAdminController(MerchantService merchants, ApiKeyService keys, RequestBinder binder,
                            IdempotencyGate idempotency, ApiResponses responses, Clock clock) {
        this.merchants = merchants;
        this.keys = keys;
        this.binder = binder;
        this.idempotency = idempotency;
        this.responses = responses;
        this.clock = clock;
    }

    @PostMapping("/v1/merchants")
    @ApiContract(params = AdminRequests.CreateMerchant.class, returns = "account", summary = "Onboard a merchant (admin token); the answer holds its API keys once")
    ResponseEntity<String> createMerchant(RawParams params, HttpServletRequest request) {
        AdminRequests.CreateMerchant body = binder.bind(params.values(), AdminRequests.CreateMerchant.class);
        if (body.name() == null || body.name().isBlank()) {
            throw ApiException.missingParam("name");
        }
        if (body.name().length() > 200) {
            throw ApiException.invalidParam("name", "name must be at most 200 characters.");
        }
        if (body.country() != null && !body.country().matches("[A-Za-z]{2}")) {
            throw ApiException.invalidParam("country", "country must be a two-letter ISO 3166 code.");
        }
        if (body.defaultCurrency() != null && Currency.find(body.defaultCurrency()).isEmpty()) {
            throw ApiException.invalidParam("default_currency", "Unsupported currency: " + body.defaultCurrency());
        }
        MerchantService.NewMerchant request1 = new MerchantService.NewMerchant(body.name().trim(), body.email(),
                body.country() == null ? null : body.country().toUpperCase(java.util.Locale.ROOT),
                body.defaultCurrency() == null ? "usd" : body.defaultCurrency().toLowerCase(java.util.Locale.ROOT),
                MetadataUpdate.orEmpty(body.metadata()));
        return idempotency.execute(context(request), "POST", "/v1/merchants", params, () -> {
            MerchantService.Onboarded onboarded = merchants.onboard(request1);
            Map<String, Object> out = onboarded.merchant().render();
            out.put("api_keys", onboarded.keys().stream().map(IssuedKey::render).toList());
            return out;
        });
    }

    @GetMapping("/v1/merchants/{id}")
    @ApiContract(params = AdminRequests.Empty.class, returns = "account", summary = "Retrieve a merchant (admin token)")
    ResponseEntity<String> getMerchant(@PathVariable String id, RawParams params) {
        binder.bind(params.values(), AdminRequests.Empty.class);
        return responses.ok(merchants.get(id).render());
    }

    @GetMapping("/v1/merchants")
    @ApiContract(params = AdminRequests.ListParams.class, returns = "account", shape = ApiContract.Shape.LIST, summary = "List merchants (admin token)")
    ResponseEntity<String> listMerchants(RawParams params) {
        AdminRequests.ListParams query = binder.bind(params.values(), AdminRequests.ListParams.class);
        if (query.merchant() != null) {
            throw ApiException.unknownParam("merchant");
        }
        var page = merchants.list(PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/merchants", m -> m.render()));
    }

    @PostMapping("/v1/api_keys")
    @ApiContract(params = AdminRequests.CreateApiKey.class, returns = "api_key", summary = "Create an API key (admin token); the answer holds the key once")
    ResponseEntity<String> createKey(RawParams params, HttpServletRequest request) {
        AdminRequests.CreateApiKey body = binder.bind(params.values(), AdminRequests.CreateApiKey.class);
        if (body.merchant() == null) {
            throw ApiException.missingParam("merchant");
        }
        merchants.get(body.merchant());
        if (body.type() == null) {
            throw ApiException.missingParam("type");
        }
        KeyKind kind = KeyKind.fromWire(body.type());
        if (kind == null) {
            throw ApiException.invalidParam("type", "type must be one of secret, publishable, restricted.");
        }
        if (kind != KeyKind.RESTRICTED && body.permissions() != null) {
            throw ApiException.invalidParam("permissions", "Only restricted keys take permissions.");
        }
        boolean livemode = Boolean.TRUE.equals(body.livemode());
        return idempotency.execute(context(request), "POST", "/v1/api_keys", params,
                () -> keys.issue(body.merchant(), livemode, kind, body.name(), body.permissions()).render());
    }

    @GetMapping("/v1/api_keys")
    @ApiContract(params = AdminRequests.ListParams.class, returns = "api_key", shape = ApiContract.Shape.LIST, summary = "List a merchant's API keys (admin token)")
    ResponseEntity<String> listKeys(RawParams params) {
        AdminRequests.ListParams query = binder.bind(params.values(), AdminRequests.ListParams.class);
        if (query.merchant() == null) {
            throw ApiException.missingParam("merchant");
        }
        merchants.get(query.merchant());
        List<ApiKey> all = keys.listForMerchant(query.merchant());
        Page<ApiKey> page = new Page<>(all, false);
        return responses.ok(page.toListObject("/v1/api_keys", ApiKey::render));
    }

    @GetMapping("/v1/api_keys/{id}")
    @ApiContract(params = AdminRequests.Empty.class, returns = "api_key", summary = "Retrieve an API key (admin token)")
    ResponseEntity<String> getKey(@PathVariable String id, RawParams params) {
        binder.bind(params.values(), AdminRequests.Empty.class);
        return responses.ok(keys.find(id).orElseThrow(() -> ApiException.notFound("api_key", id, "id")).render());
    }

    @PostMapping("/v1/api_keys/{id}/roll")
    @ApiContract(params = AdminRequests.RollApiKey.class, returns = "api_key", summary = "Roll an API key, keeping the old one until expires_at (admin token)")
    ResponseEntity<String> roll(@PathVariable String id, RawParams params, HttpServletRequest request) {
        AdminRequests.RollApiKey body = binder.bind(params.values(), AdminRequests.RollApiKey.class);
        if (body.expiresAt() != null && body.expiresIn() != null) {
            throw ApiException.invalidRequest("Pass either expires_at or expires_in, not both.");
        }
        if (body.expiresIn() != null && (body.expiresIn() < 0 || body.expiresIn() > 7 * 24 * 3600)) {
            throw ApiException.invalidParam("expires_in", "expires_in must be between 0 and 604800 seconds (7 days).");
        }
        Long expiresAt = body.expiresAt();
        if (body.expiresIn() != null) {
            expiresAt = clock.instant().getEpochSecond() + body.expiresIn();
        }
        Long oldKeyExpiresAt = expiresAt;
        return idempotency.execute(context(request), "POST", "/v1/api_keys/" + id + "/roll", params, () -> {
            IssuedKey fresh = keys.roll(id, oldKeyExpiresAt);
            Map<String, Object> out = fresh.render();
            out.put("previous_key", keys.find(id).map(ApiKey::render).orElse(null));
            return out;
        });
    }

    @PostMapping("/v1/api_keys/{id}/revoke")
    @ApiContract(params = AdminRequests.Empty.class, returns = "api_key", summary = "Revoke an API key (admin token)")
    ResponseEntity<String> revoke(@PathVariable String id, RawParams params, HttpServletRequest request) {
        binder.bind(params.values(), AdminRequests.Empty.class);
        return idempotency.execute(context(request), "POST", "/v1/api_keys/" + id + "/revoke", params,
                () -> keys.revoke(id).render());
    }

    @DeleteMapping("/v1/api_keys/{id}")
    @ApiContract(params = AdminRequests.Empty.class, returns = "api_key", summary = "Revoke an API key (admin token)")
    ResponseEntity<String> delete(@PathVariable String id, RawParams params) {
        binder.bind(params.values(), AdminRequests.Empty.class);
        ApiKey revoked = keys.revoke(id);
        Map<String, Object> out = new LinkedHashMap<>(revoked.render());
        out.put("deleted", true);
        return responses.ok(out);
    }

    private static CallContext context(HttpServletRequest request) {
        String idempotencyKey = request.getHeader("Idempotency-Key");
        return new CallContext(PLATFORM, (String) request.getAttribute(io.paygate.platform.web.RequestIdFilter.REQUEST_ID_ATTRIBUTE),
                idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim(), RequestTrace.NONE);
    }
}

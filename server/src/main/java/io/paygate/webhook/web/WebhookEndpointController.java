package io.paygate.webhook.web;

import io.paygate.platform.errors.ApiException;
import io.paygate.platform.idempotency.IdempotencyGate;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.Access;
import io.paygate.platform.web.ApiContract;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.MetadataUpdate;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import io.paygate.webhook.Delivery;
import io.paygate.webhook.WebhookDeliveryService;
import io.paygate.webhook.WebhookEndpoint;
import io.paygate.webhook.WebhookEndpointService;
import io.paygate.webhook.WebhookSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/webhook_endpoints} (Stripe's shape), their delivery log and re-sending. */
@RestController
class WebhookEndpointController {

    record Create(String url, List<String> enabledEvents, String description, MetadataUpdate metadata, String apiVersion,
                  List<String> expand) {
    }

    record Update(String url, List<String> enabledEvents, String description, MetadataUpdate metadata, Boolean disabled,
                  List<String> expand) {
    }

    record RollSecret(Long expiresIn) {
    }

    record Empty(List<String> expand) {
    }

    record ListParams(Long limit, String startingAfter, String endingBefore, List<String> expand) {
    }

    record DeliveryList(Long limit, String startingAfter, String endingBefore, String status) {
    }

    record Resend(String webhookEndpoint) {
    }

    private final WebhookEndpointService endpoints;
    private final WebhookDeliveryService deliveries;
    private final WebhookSettings settings;
    private final RequestBinder binder;
    private final IdempotencyGate idempotency;
    private final ApiResponses responses;

    WebhookEndpointController(WebhookEndpointService endpoints, WebhookDeliveryService deliveries, WebhookSettings settings,
                              RequestBinder binder, IdempotencyGate idempotency, ApiResponses responses) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.settings = settings;
        this.binder = binder;
        this.idempotency = idempotency;
        this.responses = responses;
    }

    @PostMapping("/v1/webhook_endpoints")
    @Access(resource = "webhook_endpoints", level = Access.Level.WRITE)
    @ApiContract(params = Create.class, returns = "webhook_endpoint", summary = "Create a webhook endpoint; the answer holds its signing secret once")
    ResponseEntity<String> create(CallContext ctx, RawParams params) {
        Create body = binder.bind(params.values(), Create.class);
        if (body.url() == null) {
            throw ApiException.missingParam("url");
        }
        if (body.enabledEvents() == null) {
            throw ApiException.missingParam("enabled_events");
        }
        checkDescription(body.description());
        endpoints.validate(ctx, body.url(), body.enabledEvents());
        return idempotency.execute(ctx, "POST", "/v1/webhook_endpoints", params, () -> endpoints.create(ctx, body.url(),
                body.enabledEvents(), body.description(), MetadataUpdate.orEmpty(body.metadata())));
    }

    @GetMapping("/v1/webhook_endpoints/{id}")
    @Access(resource = "webhook_endpoints", level = Access.Level.READ)
    @ApiContract(params = Empty.class, returns = "webhook_endpoint", summary = "Retrieve a webhook endpoint")
    ResponseEntity<String> retrieve(CallContext ctx, @PathVariable String id, RawParams params) {
        binder.bind(params.values(), Empty.class);
        return responses.ok(endpoints.get(ctx, id).render(null));
    }

    @RequestMapping(path = "/v1/webhook_endpoints/{id}", method = {RequestMethod.POST, RequestMethod.PATCH})
    @Access(resource = "webhook_endpoints", level = Access.Level.WRITE)
    @ApiContract(params = Update.class, returns = "webhook_endpoint", summary = "Update a webhook endpoint (also PATCH)")
    ResponseEntity<String> update(CallContext ctx, @PathVariable String id, RawParams params) {
        Update body = binder.bind(params.values(), Update.class);
        checkDescription(body.description());
        WebhookEndpoint current = endpoints.get(ctx, id);
        endpoints.validate(ctx, body.url(), body.enabledEvents());
        Map<String, String> metadata = body.metadata() == null ? null : body.metadata().applyTo(current.metadata());
        return idempotency.execute(ctx, "POST", "/v1/webhook_endpoints/" + id, params, () -> endpoints.update(ctx, id,
                new WebhookEndpointService.Changes(body.url(), body.enabledEvents(), body.description(), metadata,
                        body.disabled())).render(null));
    }

    @DeleteMapping("/v1/webhook_endpoints/{id}")
    @Access(resource = "webhook_endpoints", level = Access.Level.WRITE)
    @ApiContract(params = Empty.class, returns = "webhook_endpoint", summary = "Delete a webhook endpoint")
    ResponseEntity<String> delete(CallContext ctx, @PathVariable String id, RawParams params) {
        binder.bind(params.values(), Empty.class);
        WebhookEndpoint deleted = endpoints.delete(ctx, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", deleted.id());
        out.put("object", "webhook_endpoint");
        out.put("deleted", true);
        return responses.ok(out);
    }

    @GetMapping("/v1/webhook_endpoints")
    @Access(resource = "webhook_endpoints", level = Access.Level.READ)
    @ApiContract(params = ListParams.class, returns = "webhook_endpoint", shape = ApiContract.Shape.LIST, summary = "List webhook endpoints")
    ResponseEntity<String> list(CallContext ctx, RawParams params) {
        ListParams query = binder.bind(params.values(), ListParams.class);
        var page = endpoints.list(ctx, PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/webhook_endpoints", e -> e.render(null)));
    }

    @PostMapping("/v1/webhook_endpoints/{id}/roll_secret")
    @Access(resource = "webhook_endpoints", level = Access.Level.WRITE)
    @ApiContract(params = RollSecret.class, returns = "webhook_endpoint", summary = "Roll the signing secret; the old one keeps signing for expires_in seconds")
    ResponseEntity<String> rollSecret(CallContext ctx, @PathVariable String id, RawParams params) {
        RollSecret body = binder.bind(params.values(), RollSecret.class);
        endpoints.get(ctx, id);
        if (body.expiresIn() != null && (body.expiresIn() < 0 || body.expiresIn() > 7 * 86_400)) {
            throw ApiException.invalidParam("expires_in", "expires_in must be between 0 and 604800 seconds.");
        }
        Duration overlap = body.expiresIn() == null ? settings.secretOverlap() : Duration.ofSeconds(body.expiresIn());
        return idempotency.execute(ctx, "POST", "/v1/webhook_endpoints/" + id + "/roll_secret", params,
                () -> endpoints.rollSecret(ctx, id, overlap));
    }

    @GetMapping("/v1/webhook_endpoints/{id}/deliveries")
    @Access(resource = "webhook_endpoints", level = Access.Level.READ)
    @ApiContract(params = DeliveryList.class, returns = "webhook_delivery", shape = ApiContract.Shape.LIST,
            summary = "List an endpoint's deliveries with every attempt (status pending, succeeded or dead)")
    ResponseEntity<String> deliveries(CallContext ctx, @PathVariable String id, RawParams params) {
        DeliveryList query = binder.bind(params.values(), DeliveryList.class);
        if (query.status() != null && !List.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.DEAD).contains(query.status())) {
            throw ApiException.invalidParam("status", "status must be pending, succeeded or dead.");
        }
        var page = deliveries.list(ctx, id, query.status(), PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/webhook_endpoints/" + id + "/deliveries", deliveries::render));
    }

    @GetMapping("/v1/webhook_endpoints/{id}/deliveries/{delivery}")
    @Access(resource = "webhook_endpoints", level = Access.Level.READ)
    @ApiContract(params = Empty.class, returns = "webhook_delivery", summary = "Retrieve a delivery with its attempts")
    ResponseEntity<String> delivery(CallContext ctx, @PathVariable String id, @PathVariable String delivery, RawParams params) {
        binder.bind(params.values(), Empty.class);
        return responses.ok(deliveries.render(deliveries.get(ctx, id, delivery)));
    }

    @PostMapping("/v1/webhook_endpoints/{id}/deliveries/{delivery}/retry")
    @Access(resource = "webhook_endpoints", level = Access.Level.WRITE)
    @ApiContract(params = Empty.class, returns = "webhook_delivery", summary = "Send a delivery again now")
    ResponseEntity<String> retry(CallContext ctx, @PathVariable String id, @PathVariable String delivery, RawParams params) {
        binder.bind(params.values(), Empty.class);
        deliveries.get(ctx, id, delivery);
        return idempotency.execute(ctx, "POST", "/v1/webhook_endpoints/" + id + "/deliveries/" + delivery + "/retry", params,
                () -> deliveries.render(deliveries.retry(ctx, id, delivery)));
    }

    @PostMapping("/v1/webhook_endpoints/{id}/deliveries/retry")
    @Access(resource = "webhook_endpoints", level = Access.Level.WRITE)
    @ApiContract(params = Empty.class, returns = "webhook_retry", summary = "Send every dead delivery of the endpoint again")
    ResponseEntity<String> retryDead(CallContext ctx, @PathVariable String id, RawParams params) {
        binder.bind(params.values(), Empty.class);
        endpoints.get(ctx, id);
        return idempotency.execute(ctx, "POST", "/v1/webhook_endpoints/" + id + "/deliveries/retry", params,
                () -> Map.of("object", "webhook_retry", "webhook_endpoint", id, "requeued", deliveries.retryDead(ctx, id)));
    }

    @PostMapping("/v1/events/{id}/resend")
    @Access(resource = "webhook_endpoints", level = Access.Level.WRITE)
    @ApiContract(params = Resend.class, returns = "webhook_delivery", shape = ApiContract.Shape.LIST,
            summary = "Send an event again to every endpoint that wants it, or to one webhook_endpoint")
    ResponseEntity<String> resend(CallContext ctx, @PathVariable String id, RawParams params) {
        Resend body = binder.bind(params.values(), Resend.class);
        return idempotency.execute(ctx, "POST", "/v1/events/" + id + "/resend", params, () -> {
            List<Delivery> created = deliveries.resend(ctx, id, body.webhookEndpoint());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("object", "list");
            out.put("data", created.stream().map(deliveries::render).toList());
            out.put("has_more", false);
            out.put("url", "/v1/events/" + id + "/resend");
            return out;
        });
    }

    private static void checkDescription(String description) {
        if (description != null && description.length() > 5000) {
            throw ApiException.invalidParam("description", "description must be at most 5000 characters.");
        }
    }
}

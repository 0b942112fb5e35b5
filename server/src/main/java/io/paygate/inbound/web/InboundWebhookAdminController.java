package io.paygate.inbound.web;

import io.paygate.inbound.InboundWebhook;
import io.paygate.inbound.InboundWebhookStatus;
import io.paygate.inbound.InboundWebhooks;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.AdminOnly;
import io.paygate.platform.web.ApiContract;
import io.paygate.platform.web.ApiResponses;
import io.paygate.platform.wire.RawParams;
import io.paygate.platform.wire.RequestBinder;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/inbound_webhooks}: the processors' webhooks Paygate received, how processing them went,
 * and replaying one. Platform administration, across merchants: the admin token only.
 */
@RestController
@AdminOnly
class InboundWebhookAdminController {

    record ListParams(Long limit, String startingAfter, String endingBefore, String connectorAccount, String status,
                      List<String> expand) {
    }

    record Expand(List<String> expand) {
    }

    private final InboundWebhooks webhooks;
    private final RequestBinder binder;
    private final ApiResponses responses;
    private final Json json;

    InboundWebhookAdminController(InboundWebhooks webhooks, RequestBinder binder, ApiResponses responses, Json json) {
        this.webhooks = webhooks;
        this.binder = binder;
        this.responses = responses;
        this.json = json;
    }

    @GetMapping("/v1/inbound_webhooks")
    @ApiContract(params = ListParams.class, returns = "inbound_webhook", shape = ApiContract.Shape.LIST,
            summary = "List inbound processor webhooks (admin token)")
    ResponseEntity<String> list(RawParams params) {
        ListParams query = binder.bind(params.values(), ListParams.class);
        InboundWebhookStatus status = query.status() == null ? null : InboundWebhookStatus.find(query.status())
                .orElseThrow(() -> ApiException.invalidParam("status", "status must be one of pending, processing, "
                        + "processed, ignored, dead."));
        var page = webhooks.list(query.connectorAccount(), status,
                PageRequest.of(query.limit(), query.startingAfter(), query.endingBefore()));
        return responses.ok(page.toListObject("/v1/inbound_webhooks", webhook -> webhook.render(json)));
    }

    @GetMapping("/v1/inbound_webhooks/{id}")
    @ApiContract(params = Expand.class, returns = "inbound_webhook", summary = "Retrieve an inbound processor webhook (admin token)")
    ResponseEntity<String> retrieve(@PathVariable String id, RawParams params) {
        binder.bind(params.values(), Expand.class);
        return responses.ok(webhooks.get(id).render(json));
    }

    @PostMapping("/v1/inbound_webhooks/{id}/replay")
    @ApiContract(params = Expand.class, returns = "inbound_webhook",
            summary = "Process an inbound processor webhook again from what was stored (admin token)")
    ResponseEntity<String> replay(@PathVariable String id, RawParams params) {
        binder.bind(params.values(), Expand.class);
        InboundWebhook queued = webhooks.replay(id);
        return responses.ok(queued.render(json));
    }
}

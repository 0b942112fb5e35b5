package io.paygate.simulator.web;

import io.paygate.platform.json.Json;
import io.paygate.platform.web.ApiResponses;
import io.paygate.simulator.SimWebhookDelivery;
import io.paygate.simulator.SimWebhookEndpoint;
import io.paygate.simulator.SimulatorException;
import io.paygate.simulator.SimulatorWebhookEndpoints;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * An account's webhook endpoint at the simulator, and the events it was sent. Registering answers
 * the signing secret; this is the only time the simulator shows it.
 */
@RestController
@RequestMapping("/simulator/v1/accounts/{accountId}")
class SimulatorWebhooksController {

    private final SimulatorWebhookEndpoints webhooks;
    private final Json json;

    SimulatorWebhooksController(SimulatorWebhookEndpoints webhooks, Json json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    /** Creates or replaces the account's endpoint: {@code {"url": …}}. */
    @PostMapping("/webhook_endpoint")
    ResponseEntity<String> register(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                    @RequestHeader(value = ApiHeaders.IDEMPOTENCY_HEADER, required = false) String key,
                                    @PathVariable String accountId, @RequestBody(required = false) String body) {
        String id = accountOf(account, accountId);
        String registrationKey = ApiHeaders.idempotencyKey(key);
        JsonNode request = PaymentRequests.readObject(json, body);
        JsonNode url = request.get("url");
        if (url == null || !url.isString()) {
            throw SimulatorException.invalidRequest("url is required and must be a string.");
        }
        return ApiResponses.of(200, json.write(endpoint(webhooks.register(id, url.asString(), registrationKey))));
    }

    @GetMapping("/webhook_deliveries")
    ResponseEntity<String> deliveries(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                      @PathVariable String accountId) {
        String id = accountOf(account, accountId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", webhooks.deliveries(id).stream().map(this::delivery).toList());
        return ApiResponses.of(200, json.write(out));
    }

    /** The account in the path; a {@code Simulator-Account} header, when sent, must name the same one. */
    private static String accountOf(String header, String accountId) {
        ApiHeaders.account(accountId);
        if (header != null && !header.isBlank() && !header.equals(accountId)) {
            throw SimulatorException.invalidRequest("The " + ApiHeaders.ACCOUNT_HEADER + " header names another account "
                    + "than the path.");
        }
        return accountId;
    }

    private static Map<String, Object> endpoint(SimWebhookEndpoint endpoint) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "simulator.webhook_endpoint");
        out.put("account", endpoint.accountId());
        out.put("url", endpoint.url());
        out.put("secret", endpoint.secret().reveal());
        out.put("created", endpoint.created());
        return out;
    }

    private Map<String, Object> delivery(SimWebhookDelivery delivery) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", delivery.id());
        out.put("object", "simulator.webhook_delivery");
        out.put("type", delivery.type());
        out.put("status", delivery.status().wireName());
        out.put("attempts", delivery.attempts());
        out.put("next_attempt_at", delivery.nextAttemptMs() == null ? null : delivery.nextAttemptMs() / 1000);
        out.put("last_error", delivery.lastError());
        out.put("created", delivery.created());
        out.put("event", json.readAny(delivery.payload()));
        return out;
    }
}

package io.paygate.simulator.web;

import io.paygate.platform.json.Json;
import io.paygate.platform.web.ApiResponses;
import io.paygate.simulator.SimDispute;
import io.paygate.simulator.SimulatorDisputes;
import io.paygate.simulator.SimulatorException;
import io.paygate.simulator.SimulatorObjects;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's disputes, which it opens itself: looked up by their id (or listed for a
 * payment), answered with evidence, or accepted.
 */
@RestController
@RequestMapping("/simulator/v1/disputes")
class SimulatorDisputesController {

    private final SimulatorDisputes disputes;
    private final Json json;

    SimulatorDisputesController(SimulatorDisputes disputes, Json json) {
        this.disputes = disputes;
        this.json = json;
    }

    @GetMapping("/{id}")
    ResponseEntity<String> retrieve(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                    @PathVariable String id) {
        String accountId = ApiHeaders.account(account);
        ApiHeaders.checkLength(id, "dispute id");
        return ok(disputes.find(accountId, id).orElseThrow(() -> SimulatorException.missingDispute(id)));
    }

    @GetMapping
    ResponseEntity<String> list(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                @RequestParam(value = "payment_key", required = false) String paymentKey) {
        String accountId = ApiHeaders.account(account);
        String filter = ApiHeaders.filter(paymentKey, "payment_key");
        return ApiResponses.of(200, json.write(DisputeView.list(disputes.list(accountId, filter))));
    }

    /** Merges evidence, and submits it when the body says {@code "submit": true}. */
    @PostMapping("/{id}")
    ResponseEntity<String> update(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                  @RequestHeader(value = ApiHeaders.IDEMPOTENCY_HEADER, required = false) String key,
                                  @PathVariable String id, @RequestBody(required = false) String body) {
        String accountId = ApiHeaders.account(account);
        String operationKey = ApiHeaders.idempotencyKey(key);
        ApiHeaders.checkLength(id, "dispute id");
        JsonNode request = PaymentRequests.readObject(json, body);
        return ok(disputes.updateEvidence(accountId, id, operationKey, PaymentRequests.evidence(request),
                PaymentRequests.submit(request)));
    }

    /** Accepts the dispute. */
    @PostMapping("/{id}/close")
    ResponseEntity<String> close(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                 @RequestHeader(value = ApiHeaders.IDEMPOTENCY_HEADER, required = false) String key,
                                 @PathVariable String id) {
        String accountId = ApiHeaders.account(account);
        String operationKey = ApiHeaders.idempotencyKey(key);
        ApiHeaders.checkLength(id, "dispute id");
        return ok(disputes.accept(accountId, id, operationKey));
    }

    private ResponseEntity<String> ok(SimDispute dispute) {
        return ApiResponses.of(200, json.write(SimulatorObjects.dispute(dispute)));
    }
}

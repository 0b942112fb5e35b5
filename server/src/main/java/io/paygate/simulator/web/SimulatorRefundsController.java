package io.paygate.simulator.web;

import io.paygate.platform.json.Json;
import io.paygate.platform.web.ApiResponses;
import io.paygate.simulator.SimRefund;
import io.paygate.simulator.SimulatorException;
import io.paygate.simulator.SimulatorObjects;
import io.paygate.simulator.SimulatorRefunds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulator's refunds. A refund is created on its payment (by the payment's idempotency key)
 * with Paygate's refund id as its own idempotency key, and found again by that key.
 */
@RestController
@RequestMapping("/simulator/v1")
class SimulatorRefundsController {

    private final SimulatorRefunds refunds;
    private final Json json;

    SimulatorRefundsController(SimulatorRefunds refunds, Json json) {
        this.refunds = refunds;
        this.json = json;
    }

    @PostMapping("/payments/{paymentKey}/refunds")
    ResponseEntity<String> create(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                  @RequestHeader(value = ApiHeaders.IDEMPOTENCY_HEADER, required = false) String key,
                                  @PathVariable String paymentKey, @RequestBody(required = false) String body) {
        String accountId = ApiHeaders.account(account);
        String refundKey = ApiHeaders.idempotencyKey(key);
        ApiHeaders.checkLength(paymentKey, "payment idempotency key");
        return ok(refunds.create(PaymentRequests.refund(accountId, refundKey, paymentKey,
                PaymentRequests.readObject(json, body))));
    }

    @GetMapping("/refunds/{refundKey}")
    ResponseEntity<String> retrieve(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                    @PathVariable String refundKey) {
        String accountId = ApiHeaders.account(account);
        ApiHeaders.checkLength(refundKey, "refund idempotency key");
        return ok(refunds.find(accountId, refundKey).orElseThrow(() -> SimulatorException.missingRefund(refundKey)));
    }

    @GetMapping("/refunds")
    ResponseEntity<String> list(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                @RequestParam(value = "payment_key", required = false) String paymentKey) {
        String accountId = ApiHeaders.account(account);
        String filter = ApiHeaders.filter(paymentKey, "payment_key");
        return ApiResponses.of(200, json.write(RefundView.list(refunds.list(accountId, filter))));
    }

    @PostMapping("/refunds/{refundKey}/cancel")
    ResponseEntity<String> cancel(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                  @RequestHeader(value = ApiHeaders.IDEMPOTENCY_HEADER, required = false) String key,
                                  @PathVariable String refundKey) {
        String accountId = ApiHeaders.account(account);
        ApiHeaders.idempotencyKey(key);
        ApiHeaders.checkLength(refundKey, "refund idempotency key");
        return ok(refunds.cancel(accountId, refundKey));
    }

    private ResponseEntity<String> ok(SimRefund refund) {
        return ApiResponses.of(200, json.write(SimulatorObjects.refund(refund)));
    }
}

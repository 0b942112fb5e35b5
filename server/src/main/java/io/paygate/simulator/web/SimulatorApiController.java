package io.paygate.simulator.web;

import io.paygate.platform.json.Json;
import io.paygate.platform.web.ApiResponses;
import io.paygate.simulator.NewPayment;
import io.paygate.simulator.SimPayment;
import io.paygate.simulator.SimulatorException;
import io.paygate.simulator.SimulatorObjects;
import io.paygate.simulator.SimulatorOperations;
import io.paygate.simulator.SimulatorPayments;
import jakarta.servlet.http.HttpServletRequest;
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
 * The simulator processor's JSON API, as a remote processor would expose it. It is not part of
 * Paygate's {@code /v1} API: its caller is the simulator connector, identified by the
 * {@code Simulator-Account} header, and it keeps its own records.
 */
@RestController
@RequestMapping("/simulator/v1/payments")
class SimulatorApiController {

    private final SimulatorPayments payments;
    private final SimulatorOperations operations;
    private final Json json;

    SimulatorApiController(SimulatorPayments payments, SimulatorOperations operations, Json json) {
        this.payments = payments;
        this.operations = operations;
        this.json = json;
    }

    @PostMapping
    ResponseEntity<String> create(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                  @RequestHeader(value = ApiHeaders.IDEMPOTENCY_HEADER, required = false) String key,
                                  @RequestBody(required = false) String body, HttpServletRequest request) {
        String accountId = ApiHeaders.account(account);
        String idempotencyKey = ApiHeaders.idempotencyKey(key);
        NewPayment payment = PaymentRequests.payment(accountId, idempotencyKey, PaymentRequests.readObject(json, body));
        return switch (payments.create(payment)) {
            case SimulatorPayments.Result.Answered answered -> ok(answered.payment(), request);
            case SimulatorPayments.Result.InProgress inProgress -> error(409, "in_progress",
                    "A request with this idempotency key is still being processed; retry later.");
            case SimulatorPayments.Result.SimulatedError simulated -> error(500, "simulated_error",
                    "The simulator failed this request on purpose (error_rate); nothing was recorded.");
            case SimulatorPayments.Result.SimulatedTimeout simulated -> error(504, "simulated_timeout",
                    "The simulator hung on purpose (timeout_rate); nothing was recorded.");
        };
    }

    @PostMapping("/{paymentKey}/capture")
    ResponseEntity<String> capture(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                   @RequestHeader(value = ApiHeaders.IDEMPOTENCY_HEADER, required = false) String key,
                                   @PathVariable String paymentKey, @RequestBody(required = false) String body,
                                   HttpServletRequest request) {
        String accountId = ApiHeaders.account(account);
        String operationKey = ApiHeaders.idempotencyKey(key);
        Long amount = body == null || body.isBlank() ? null
                : PaymentRequests.captureAmount(PaymentRequests.readObject(json, body));
        return ok(operations.capture(accountId, paymentKey, operationKey, amount), request);
    }

    @PostMapping("/{paymentKey}/void")
    ResponseEntity<String> voidPayment(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                       @RequestHeader(value = ApiHeaders.IDEMPOTENCY_HEADER, required = false) String key,
                                       @PathVariable String paymentKey, HttpServletRequest request) {
        String accountId = ApiHeaders.account(account);
        String operationKey = ApiHeaders.idempotencyKey(key);
        ApiHeaders.checkLength(paymentKey, "payment idempotency key");
        return ok(operations.voidPayment(accountId, paymentKey, operationKey), request);
    }

    @GetMapping("/{paymentKey}")
    ResponseEntity<String> retrieve(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                    @PathVariable String paymentKey, HttpServletRequest request) {
        String accountId = ApiHeaders.account(account);
        return ok(payments.find(accountId, paymentKey).orElseThrow(() -> SimulatorException.missing(paymentKey)),
                request);
    }

    @GetMapping
    ResponseEntity<String> list(@RequestHeader(value = ApiHeaders.ACCOUNT_HEADER, required = false) String account,
                                @RequestParam(required = false) String reference, HttpServletRequest request) {
        String accountId = ApiHeaders.account(account);
        String filter = reference == null || reference.isBlank() ? null : reference;
        return ApiResponses.of(200, json.write(PaymentView.list(payments.list(accountId, filter),
                ApiHeaders.baseUrl(request))));
    }

    private ResponseEntity<String> ok(SimPayment payment, HttpServletRequest request) {
        return ApiResponses.of(200, json.write(SimulatorObjects.payment(payment, ApiHeaders.baseUrl(request))));
    }

    private ResponseEntity<String> error(int status, String code, String message) {
        return ApiResponses.of(status, json.write(PaymentView.error(code, message)));
    }
}

package io.paygate.simulator.web;

import io.paygate.platform.json.Json;
import io.paygate.platform.web.ApiResponses;
import io.paygate.simulator.SimulatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The simulator answers its own error objects, not Paygate's Stripe-shaped ones: it stands for a
 * remote processor. Ordered first so Paygate's catch-all handler never sees its exceptions.
 */
@RestControllerAdvice(assignableTypes = {SimulatorApiController.class, SimulatorRefundsController.class,
        SimulatorDisputesController.class, SimulatorWebhooksController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class SimulatorApiErrors {

    private static final Logger log = LoggerFactory.getLogger(SimulatorApiErrors.class);

    private final Json json;

    SimulatorApiErrors(Json json) {
        this.json = json;
    }

    @ExceptionHandler(SimulatorException.class)
    ResponseEntity<String> refused(SimulatorException e) {
        return ApiResponses.of(e.status(), json.write(PaymentView.error(e.code(), e.getMessage())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        log.error("Unexpected error in the simulator processor", e);
        return ApiResponses.of(500, json.write(PaymentView.error("simulator_error",
                "An unexpected error occurred in the simulator.")));
    }
}

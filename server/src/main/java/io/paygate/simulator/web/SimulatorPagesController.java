package io.paygate.simulator.web;

import io.paygate.simulator.ActionKind;
import io.paygate.simulator.SimPayment;
import io.paygate.simulator.SimulatorActions;
import io.paygate.simulator.SimulatorObjects;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages a customer is sent to: a 3-D Secure challenge and a net banking login. Plain HTML
 * forms, so they work in any browser and in tests without JavaScript. After a choice the customer
 * goes back to the payment's {@code return_url} with a 303, as a real issuer or bank would.
 */
@RestController
class SimulatorPagesController {

    static final String THREE_DS = SimulatorObjects.THREE_DS_PAGES;
    static final String BANK = SimulatorObjects.BANK_PAGES;
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=utf-8");

    private final SimulatorActions actions;

    SimulatorPagesController(SimulatorActions actions) {
        this.actions = actions;
    }

    @GetMapping(THREE_DS + "/{id}")
    ResponseEntity<String> challenge(@PathVariable String id) {
        return page(actions.forPage(id, ActionKind.THREE_DS), THREE_DS);
    }

    @PostMapping(THREE_DS + "/{id}/complete")
    ResponseEntity<String> completeChallenge(@PathVariable String id) {
        return after(actions.act(id, ActionKind.THREE_DS, SimPayment.Choice.PROCEED));
    }

    @PostMapping(THREE_DS + "/{id}/fail")
    ResponseEntity<String> failChallenge(@PathVariable String id) {
        return after(actions.act(id, ActionKind.THREE_DS, SimPayment.Choice.ABANDON));
    }

    @GetMapping(BANK + "/{id}")
    ResponseEntity<String> bank(@PathVariable String id) {
        return page(actions.forPage(id, ActionKind.BANK), BANK);
    }

    @PostMapping(BANK + "/{id}/pay")
    ResponseEntity<String> pay(@PathVariable String id) {
        return after(actions.act(id, ActionKind.BANK, SimPayment.Choice.PROCEED));
    }

    @PostMapping(BANK + "/{id}/cancel")
    ResponseEntity<String> cancel(@PathVariable String id) {
        return after(actions.act(id, ActionKind.BANK, SimPayment.Choice.ABANDON));
    }

    private static ResponseEntity<String> page(Optional<SimPayment> payment, String base) {
        if (payment.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, SimulatorPages.notFound());
        }
        SimPayment p = payment.get();
        String body = switch (p.actionKind()) {
            case THREE_DS -> SimulatorPages.challenge(p, base + "/" + p.id());
            case BANK -> SimulatorPages.bank(p, base + "/" + p.id());
            case ASYNC -> SimulatorPages.notFound();
        };
        return html(HttpStatus.OK, body);
    }

    private static ResponseEntity<String> after(Optional<SimPayment> payment) {
        if (payment.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, SimulatorPages.notFound());
        }
        SimPayment p = payment.get();
        if (p.returnUrl() != null) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(p.returnUrl())).build();
        }
        return html(HttpStatus.OK, SimulatorPages.result(p));
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(HTML).body(body);
    }
}

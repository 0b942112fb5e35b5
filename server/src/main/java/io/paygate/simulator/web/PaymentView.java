package io.paygate.simulator.web;

import io.paygate.simulator.Decline;
import io.paygate.simulator.SimPayment;
import io.paygate.simulator.SimStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's JSON objects: payments, lists of them and errors. */
final class PaymentView {

    private PaymentView() {
    }

    /**
     * @param baseUrl the scheme, host and port the request came in on, so a redirect URL works for
     *                whoever asked (the server may listen on a random port)
     */
    static Map<String, Object> payment(SimPayment p, String baseUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("object", "simulator.payment");
        out.put("status", p.status().wireName());
        out.put("amount", p.amount());
        out.put("currency", p.currency());
        out.put("capture", p.capture());
        out.put("amount_authorized", p.amountAuthorized());
        out.put("amount_captured", p.amountCaptured());
        out.put("amount_refunded", p.amountRefunded());
        out.put("reference", p.reference());
        out.put("instrument", p.instrumentLabel());
        out.put("decline", p.status() == SimStatus.DECLINED ? decline(p.decline()) : null);
        out.put("redirect_url", p.status() == SimStatus.REQUIRES_ACTION ? redirectUrl(p, baseUrl) : null);
        out.put("risk_level", p.decline() == null ? "normal" : p.decline().riskLevel());
        out.put("created", p.createdMs() / 1000);
        return out;
    }

    static Map<String, Object> list(List<SimPayment> payments, String baseUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", payments.stream().map(p -> payment(p, baseUrl)).toList());
        return out;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return Map.of("error", error);
    }

    /** Where the customer completes the payment, or null when it waits for nobody (an asynchronous payment). */
    static String redirectUrl(SimPayment p, String baseUrl) {
        if (p.actionKind() == null) {
            return null;
        }
        return switch (p.actionKind()) {
            case THREE_DS -> baseUrl + SimulatorPagesController.THREE_DS + "/" + p.id();
            case BANK -> baseUrl + SimulatorPagesController.BANK + "/" + p.id();
            case ASYNC -> null;
        };
    }

    private static Map<String, Object> decline(Decline decline) {
        Decline d = decline == null ? Decline.GENERIC : decline;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", d.code());
        out.put("decline_code", d.declineCode());
        out.put("message", d.message());
        return out;
    }
}

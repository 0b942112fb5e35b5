package io.paygate.simulator.web;

import io.paygate.simulator.SimPayment;
import io.paygate.simulator.SimulatorObjects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's lists of payments and its error objects. */
final class PaymentView {

    private PaymentView() {
    }

    static Map<String, Object> list(List<SimPayment> payments, String baseUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", payments.stream().map(p -> SimulatorObjects.payment(p, baseUrl)).toList());
        return out;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return Map.of("error", error);
    }
}

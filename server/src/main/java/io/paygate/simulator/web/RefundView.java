package io.paygate.simulator.web;

import io.paygate.simulator.SimRefund;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's refund objects and lists of them. */
final class RefundView {

    private RefundView() {
    }

    static Map<String, Object> refund(SimRefund r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("object", "simulator.refund");
        out.put("status", r.status().wireName());
        out.put("amount", r.amount());
        out.put("currency", r.currency());
        out.put("payment", r.paymentId());
        out.put("payment_key", r.paymentKey());
        out.put("reason", r.reason());
        out.put("failure", r.failure() == null ? null : failure(r.failure()));
        out.put("created", r.createdMs() / 1000);
        return out;
    }

    static Map<String, Object> list(List<SimRefund> refunds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", refunds.stream().map(RefundView::refund).toList());
        return out;
    }

    private static Map<String, Object> failure(SimRefund.Failure failure) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", failure.code());
        out.put("message", failure.message());
        return out;
    }
}

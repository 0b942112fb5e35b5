package io.paygate.simulator.web;

import io.paygate.simulator.SimDispute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's dispute objects and lists of them. */
final class DisputeView {

    private DisputeView() {
    }

    static Map<String, Object> dispute(SimDispute d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("object", "simulator.dispute");
        out.put("payment", d.paymentId());
        out.put("payment_key", d.paymentKey());
        out.put("amount", d.amount());
        out.put("currency", d.currency());
        out.put("status", d.status().wireName());
        out.put("reason", d.reason());
        out.put("evidence", d.evidence());
        out.put("evidence_due_by", d.evidenceDueBy());
        out.put("submission_count", d.submissionCount());
        out.put("created", d.createdMs() / 1000);
        return out;
    }

    static Map<String, Object> list(List<SimDispute> disputes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", disputes.stream().map(DisputeView::dispute).toList());
        return out;
    }
}

package io.paygate.dispute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A dispute (chargeback or inquiry) as stored; {@code status} uses Stripe's values. */
public record Dispute(String id, String merchantId, boolean livemode, String chargeId, String paymentIntentId, long amount,
                      long fee, String currency, String status, String reason, Map<String, String> evidence, Long evidenceDueBy,
                      int submissionCount, boolean fundsWithdrawn, boolean fundsReinstated, String connectorAccountId,
                      String processorReference, Map<String, String> metadata, long created) {

    /** Stripe's evidence fields, all optional strings. */
    public static final List<String> EVIDENCE_FIELDS = List.of("access_activity_log", "billing_address",
            "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal", "customer_communication",
            "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
            "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description",
            "receipt", "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date",
            "service_documentation", "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation",
            "shipping_tracking_number", "uncategorized_file", "uncategorized_text");

    private static final Set<String> CLOSED = Set.of("won", "lost", "warning_closed");
    private static final Set<String> CHARGEBACK = Set.of("needs_response", "under_review", "won", "lost");

    public static boolean isClosed(String status) {
        return CLOSED.contains(status);
    }

    /** A chargeback (not an inquiry): the money is taken when it opens. */
    public static boolean isChargeback(String status) {
        return CHARGEBACK.contains(status);
    }

    public boolean acceptsEvidence() {
        return status.equals("needs_response") || status.equals("warning_needs_response");
    }

    public Map<String, Object> render(List<Map<String, Object>> balanceTransactions, long now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "dispute");
        out.put("amount", amount);
        out.put("balance_transactions", balanceTransactions);
        out.put("charge", chargeId);
        out.put("created", created);
        out.put("currency", currency);
        Map<String, Object> renderedEvidence = new LinkedHashMap<>();
        for (String field : EVIDENCE_FIELDS) {
            renderedEvidence.put(field, evidence.get(field));
        }
        out.put("evidence", renderedEvidence);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("due_by", evidenceDueBy);
        details.put("has_evidence", !evidence.isEmpty());
        details.put("past_due", evidenceDueBy != null && acceptsEvidence() && evidenceDueBy < now);
        details.put("submission_count", submissionCount);
        out.put("evidence_details", details);
        out.put("is_charge_refundable", !isChargeback(status));
        out.put("livemode", livemode);
        out.put("metadata", metadata);
        out.put("payment_intent", paymentIntentId);
        out.put("reason", reason);
        out.put("status", status);
        return out;
    }
}

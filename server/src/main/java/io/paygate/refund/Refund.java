package io.paygate.refund;

import java.util.LinkedHashMap;
import java.util.Map;

/** A refund as stored. */
public record Refund(String id, String merchantId, boolean livemode, String chargeId, String paymentIntentId, long amount,
                     long feeReversed, String currency, RefundState state, String reason, String failureReason,
                     String balanceTransactionId, String failureBalanceTransactionId, String connectorAccountId,
                     String processorReference, Map<String, String> metadata, long created, int checkCount) {

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "refund");
        out.put("amount", amount);
        out.put("balance_transaction", balanceTransactionId);
        out.put("charge", chargeId);
        out.put("created", created);
        out.put("currency", currency);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("reference", processorReference);
        card.put("reference_status", processorReference == null ? "pending" : "available");
        card.put("reference_type", "acquirer_reference_number");
        card.put("type", "refund");
        out.put("destination_details", Map.of("type", "card", "card", card));
        out.put("failure_balance_transaction", failureBalanceTransactionId);
        out.put("failure_reason", failureReason);
        out.put("livemode", livemode);
        out.put("metadata", metadata);
        out.put("payment_intent", paymentIntentId);
        out.put("reason", reason);
        out.put("receipt_number", null);
        out.put("source_transfer_reversal", null);
        out.put("status", state.wireStatus());
        out.put("transfer_reversal", null);
        return out;
    }

    Refund with(RefundState newState, String newFailureReason, String failureTxn, String reference, int checks) {
        return new Refund(id, merchantId, livemode, chargeId, paymentIntentId, amount, feeReversed, currency, newState, reason,
                newFailureReason, balanceTransactionId, failureTxn, connectorAccountId,
                reference == null ? processorReference : reference, metadata, created, checks);
    }
}

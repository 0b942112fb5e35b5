package io.paygate.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A merchant-facing line of the balance (Stripe's {@code txn_}): what one movement did to the
 * merchant's money, with its fee and the day it becomes available.
 */
public record BalanceTransaction(String id, String merchantId, boolean livemode, long amount, long fee, long net,
                                 String currency, String type, String reportingCategory, String status, long availableOn,
                                 String sourceId, String description, List<Map<String, Object>> feeDetails,
                                 String entryId, long created) {

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "balance_transaction");
        out.put("amount", amount);
        out.put("available_on", availableOn);
        out.put("created", created);
        out.put("currency", currency);
        out.put("description", description);
        out.put("exchange_rate", null);
        out.put("fee", fee);
        out.put("fee_details", feeDetails);
        out.put("net", net);
        out.put("reporting_category", reportingCategory);
        out.put("source", sourceId);
        out.put("status", status);
        out.put("type", type);
        return out;
    }
}

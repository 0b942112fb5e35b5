package io.paygate.paymentmethod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A payment method: a card (its number only as a vault reference), a UPI address or a net banking bank. */
public record PaymentMethod(String id, String merchantId, boolean livemode, String type, String customerId, Card card,
                            String upiVpa, String netbankingBank, Map<String, Object> billingDetails,
                            Map<String, String> metadata, long created) {

    /** Card details Paygate may show; the number itself is in the vault under {@code vaultId}. */
    public record Card(String brand, String last4, int expMonth, int expYear, String funding, String country,
                       String fingerprint, String vaultId, String cvcCheck) {
    }

    public PaymentMethod withCustomer(String customer) {
        return new PaymentMethod(id, merchantId, livemode, type, customer, card, upiVpa, netbankingBank, billingDetails,
                metadata, created);
    }

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "payment_method");
        out.put("allow_redisplay", "unspecified");
        out.put("billing_details", billingDetails);
        if (card != null) {
            out.put("card", renderCard());
        }
        out.put("created", created);
        out.put("customer", customerId);
        out.put("livemode", livemode);
        out.put("metadata", metadata);
        if (netbankingBank != null) {
            out.put("netbanking", Map.of("bank", netbankingBank));
        }
        out.put("type", type);
        if (upiVpa != null) {
            out.put("upi", Map.of("vpa", upiVpa));
        }
        return out;
    }

    private Map<String, Object> renderCard() {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("address_line1_check", null);
        checks.put("address_postal_code_check", null);
        checks.put("cvc_check", card.cvcCheck());
        Map<String, Object> networks = new LinkedHashMap<>();
        networks.put("available", List.of(card.brand()));
        networks.put("preferred", null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("brand", card.brand());
        out.put("checks", checks);
        out.put("country", card.country());
        out.put("display_brand", card.brand());
        out.put("exp_month", card.expMonth());
        out.put("exp_year", card.expYear());
        out.put("fingerprint", card.fingerprint());
        out.put("funding", card.funding());
        out.put("generated_from", null);
        out.put("last4", card.last4());
        out.put("networks", networks);
        out.put("regulated_status", "unregulated");
        out.put("three_d_secure_usage", Map.of("supported", true));
        out.put("wallet", null);
        return out;
    }

    /** What a charge shows under {@code payment_method_details}. */
    public Map<String, Object> paymentDetails() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        if (card != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("brand", card.brand());
            details.put("country", card.country());
            details.put("exp_month", card.expMonth());
            details.put("exp_year", card.expYear());
            details.put("fingerprint", card.fingerprint());
            details.put("funding", card.funding());
            details.put("last4", card.last4());
            details.put("network", card.brand());
            out.put("card", details);
        }
        if (upiVpa != null) {
            out.put("upi", Map.of("vpa", upiVpa));
        }
        if (netbankingBank != null) {
            out.put("netbanking", Map.of("bank", netbankingBank));
        }
        return out;
    }
}

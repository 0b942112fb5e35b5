package io.paygate.customer;

import java.util.LinkedHashMap;
import java.util.Map;

/** A merchant's customer, as stored. {@code address} and {@code shipping} are rendered wire maps. */
public record Customer(String id, String merchantId, boolean livemode, String email, String name, String phone,
                       String description, Map<String, Object> address, Map<String, Object> shipping,
                       String defaultPaymentMethod, Map<String, String> metadata, boolean deleted, long created) {

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "customer");
        if (deleted) {
            out.put("deleted", true);
            return out;
        }
        out.put("address", address);
        out.put("balance", 0);
        out.put("created", created);
        out.put("currency", null);
        out.put("default_source", null);
        out.put("delinquent", false);
        out.put("description", description);
        out.put("discount", null);
        out.put("email", email);
        out.put("invoice_prefix", invoicePrefix());
        Map<String, Object> invoiceSettings = new LinkedHashMap<>();
        invoiceSettings.put("custom_fields", null);
        invoiceSettings.put("default_payment_method", defaultPaymentMethod);
        invoiceSettings.put("footer", null);
        invoiceSettings.put("rendering_options", null);
        out.put("invoice_settings", invoiceSettings);
        out.put("livemode", livemode);
        out.put("metadata", metadata);
        out.put("name", name);
        out.put("next_invoice_sequence", 1);
        out.put("phone", phone);
        out.put("preferred_locales", java.util.List.of());
        out.put("shipping", shipping);
        out.put("tax_exempt", "none");
        out.put("test_clock", null);
        return out;
    }

    private String invoicePrefix() {
        String tail = (id.length() > 8 ? id.substring(id.length() - 8) : id).toUpperCase(java.util.Locale.ROOT);
        return tail.replaceAll("[^A-Z0-9]", "X");
    }
}

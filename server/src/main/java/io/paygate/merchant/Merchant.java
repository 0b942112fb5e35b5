package io.paygate.merchant;

import java.util.LinkedHashMap;
import java.util.Map;

/** A merchant: one account on this Paygate, with fully separate test and live data. */
public record Merchant(String id, String name, String email, String country, String defaultCurrency, boolean demo,
                       Map<String, String> metadata, long created) {

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "account");
        out.put("business_profile", Map.of("name", name));
        out.put("country", country);
        out.put("created", created);
        out.put("default_currency", defaultCurrency);
        out.put("email", email);
        out.put("metadata", metadata);
        out.put("name", name);
        return out;
    }
}

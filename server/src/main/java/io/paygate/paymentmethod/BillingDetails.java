package io.paygate.paymentmethod;

import io.paygate.platform.wire.Address;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code billing_details} as sent by clients, rendered in Stripe's always-complete shape. */
public record BillingDetails(Address address, String email, String name, String phone) {

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address", address == null ? Address.renderEmpty() : address.render());
        out.put("email", email);
        out.put("name", name);
        out.put("phone", phone);
        out.put("tax_id", null);
        return out;
    }

    public static Map<String, Object> empty() {
        return new BillingDetails(null, null, null, null).render();
    }
}

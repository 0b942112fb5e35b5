package io.paygate.platform.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shipping details in Stripe's shape. */
public record Shipping(Address address, String name, String phone, String carrier, String trackingNumber) {

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address", address == null ? Address.renderEmpty() : address.render());
        out.put("carrier", carrier);
        out.put("name", name);
        out.put("phone", phone);
        out.put("tracking_number", trackingNumber);
        return out;
    }
}

package io.paygate.platform.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** A postal address in Stripe's shape. */
public record Address(String city, String country, String line1, String line2, String postalCode, String state) {

    public Address {
        check("city", city, 200);
        check("country", country, 2);
        check("line1", line1, 200);
        check("line2", line2, 200);
        check("postal_code", postalCode, 20);
        check("state", state, 200);
    }

    private static void check(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException("address[" + field + "] must be at most " + max + " characters.");
        }
    }

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("city", city);
        out.put("country", country);
        out.put("line1", line1);
        out.put("line2", line2);
        out.put("postal_code", postalCode);
        out.put("state", state);
        return out;
    }

    public static Map<String, Object> renderEmpty() {
        return new Address(null, null, null, null, null, null).render();
    }
}

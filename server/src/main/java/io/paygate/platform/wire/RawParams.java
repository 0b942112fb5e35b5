package io.paygate.platform.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request's decoded parameters (query string for GET and DELETE, body for POST), before they
 * are bound to a request record. Idempotency compares these, not the raw bytes.
 */
public record RawParams(Map<String, Object> values) {

    public RawParams {
        values = values == null ? Map.of() : values;
    }

    /** The {@code expand[]} list, which every endpoint accepts. */
    public List<String> expand() {
        Object raw = values.get("expand");
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                if (item != null) {
                    out.add(String.valueOf(item));
                }
            }
        } else if (raw instanceof String s && !s.isEmpty()) {
            out.add(s);
        }
        return out;
    }

    public Object get(String name) {
        return values.get(name);
    }
}

package io.paygate.platform.json;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Stripe's {@code previous_attributes}: the old values of exactly the fields an update changed. */
public final class Diff {

    private Diff() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> previousAttributes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Object old = before.get(key);
            Object now = after.get(key);
            if (Objects.equals(old, now)) {
                continue;
            }
            if (old instanceof Map<?, ?> oldMap && now instanceof Map<?, ?> newMap) {
                out.put(key, previousAttributes((Map<String, Object>) oldMap, (Map<String, Object>) newMap));
            } else {
                out.put(key, old);
            }
        }
        return out;
    }
}

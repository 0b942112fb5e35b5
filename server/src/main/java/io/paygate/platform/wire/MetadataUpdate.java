package io.paygate.platform.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metadata as sent on create or update, with Stripe's rules: at most 50 keys of up to 40
 * characters, values up to 500 characters; on update a key set to {@code ""} is removed and
 * {@code metadata=""} removes them all.
 */
public final class MetadataUpdate {

    public static final int MAX_KEYS = 50;
    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_VALUE_LENGTH = 500;

    private final boolean clearAll;
    private final Map<String, String> changes;

    private MetadataUpdate(boolean clearAll, Map<String, String> changes) {
        this.clearAll = clearAll;
        this.changes = changes;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MetadataUpdate from(Object raw) {
        if (raw == null || "".equals(raw)) {
            return new MetadataUpdate(true, Map.of());
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Invalid metadata: must be a hash of keys and string values.");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("Metadata keys must be 1 to " + MAX_KEY_LENGTH + " characters long.");
            }
            if (key.contains("[") || key.contains("]")) {
                throw new IllegalArgumentException("Metadata keys may not contain square brackets.");
            }
            String text;
            if (value == null) {
                text = "";
            } else if (value instanceof String s) {
                text = s;
            } else if (value instanceof Number || value instanceof Boolean) {
                text = String.valueOf(value);
            } else {
                throw new IllegalArgumentException("Invalid metadata[" + key + "]: values must be strings.");
            }
            if (text.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("Metadata values can have up to " + MAX_VALUE_LENGTH + " characters, but metadata[" + key + "] has " + text.length() + ".");
            }
            changes.put(key, text);
        }
        if (changes.size() > MAX_KEYS) {
            throw new IllegalArgumentException("Metadata can have up to " + MAX_KEYS + " keys.");
        }
        return new MetadataUpdate(false, changes);
    }

    /** The metadata of a new object: empty values are simply left out. */
    public Map<String, String> forCreate() {
        Map<String, String> out = new LinkedHashMap<>();
        changes.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The metadata after applying this update to {@code current}; fails when it would exceed 50 keys. */
    public Map<String, String> applyTo(Map<String, String> current) {
        Map<String, String> out = clearAll ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
        changes.forEach((k, v) -> {
            if (v.isEmpty()) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        if (out.size() > MAX_KEYS) {
            throw io.paygate.platform.errors.ApiException.invalidParam("metadata", "Metadata can have up to " + MAX_KEYS + " keys.");
        }
        return out;
    }

    public static Map<String, String> orEmpty(MetadataUpdate update) {
        return update == null ? new LinkedHashMap<>() : update.forCreate();
    }
}

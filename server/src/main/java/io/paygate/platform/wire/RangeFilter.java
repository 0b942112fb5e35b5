package io.paygate.platform.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * An integer filter such as {@code created}: either an exact value or a hash of
 * {@code gt}, {@code gte}, {@code lt}, {@code lte}.
 */
public record RangeFilter(Long gt, Long gte, Long lt, Long lte) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RangeFilter from(Object raw) {
        if (raw == null || "".equals(raw)) {
            return null;
        }
        if (raw instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!(key.equals("gt") || key.equals("gte") || key.equals("lt") || key.equals("lte"))) {
                    throw new IllegalArgumentException("Received unknown range key: " + key + " (use gt, gte, lt or lte).");
                }
            }
            return new RangeFilter(number(map.get("gt")), number(map.get("gte")), number(map.get("lt")), number(map.get("lte")));
        }
        Long exact = number(raw);
        return new RangeFilter(null, exact, null, exact);
    }

    private static Long number(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            if (value instanceof Double || value instanceof Float) {
                throw new IllegalArgumentException("Range values must be integers.");
            }
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Range values must be integers.");
        }
    }

    /** Lowest value allowed, inclusive. */
    public Long lowerInclusive() {
        if (gte != null && gt != null) {
            return Math.max(gte, gt + 1);
        }
        return gte != null ? gte : gt == null ? null : gt + 1;
    }

    /** Highest value allowed, inclusive. */
    public Long upperInclusive() {
        if (lte != null && lt != null) {
            return Math.min(lte, lt - 1);
        }
        return lte != null ? lte : lt == null ? null : lt - 1;
    }
}

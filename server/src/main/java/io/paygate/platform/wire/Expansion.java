package io.paygate.platform.wire;

import io.paygate.platform.errors.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code expand[]}: replaces id fields of a rendered object by the objects they name. Each resource
 * declares which fields expand and how; anything else is refused as at Stripe.
 */
public final class Expansion {

    private Expansion() {
    }

    /** Checks {@code expand} against the fields this endpoint can expand (with an optional {@code data.} prefix for lists). */
    public static void check(List<String> expand, Set<String> allowed, boolean list) {
        if (expand == null) {
            return;
        }
        if (expand.size() > 20) {
            throw ApiException.invalidParam("expand", "You may expand at most 20 fields.");
        }
        for (String field : expand) {
            String bare = list && field.startsWith("data.") ? field.substring(5) : field;
            if (!allowed.contains(bare)) {
                throw ApiException.invalidRequest("This property cannot be expanded (" + field + ").");
            }
        }
    }

    public static boolean wants(List<String> expand, String field, boolean list) {
        if (expand == null) {
            return false;
        }
        return expand.contains(field) || (list && expand.contains("data." + field));
    }

    /** Replaces {@code object[field]} (an id) with {@code loader(id)} when it is requested and set. */
    public static void expand(Map<String, Object> object, List<String> expand, boolean list, String field,
                              Function<String, Object> loader) {
        if (!wants(expand, field, list)) {
            return;
        }
        Object id = object.get(field);
        if (id instanceof String s) {
            object.put(field, loader.apply(s));
        }
    }
}

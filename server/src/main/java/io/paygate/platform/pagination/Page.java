package io.paygate.platform.pagination;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One page of a newest-first list, and whether more follow in the direction it was read. */
public record Page<T>(List<T> data, boolean hasMore) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), hasMore);
    }

    /** Stripe's list object. */
    public Map<String, Object> toListObject(String url, Function<T, Object> render) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", data.stream().map(render).toList());
        out.put("has_more", hasMore);
        out.put("url", url);
        return out;
    }

    /** Stripe's search result object; {@code next_page} is the cursor for the following page. */
    public Map<String, Object> toSearchResult(String url, Function<T, Object> render, Function<T, String> idOf) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "search_result");
        out.put("data", data.stream().map(render).toList());
        out.put("has_more", hasMore);
        out.put("next_page", hasMore && !data.isEmpty() ? idOf.apply(data.getLast()) : null);
        out.put("url", url);
        return out;
    }
}

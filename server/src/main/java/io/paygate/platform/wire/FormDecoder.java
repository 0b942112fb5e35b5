package io.paygate.platform.wire;

import io.paygate.platform.errors.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes {@code application/x-www-form-urlencoded} text with Stripe's bracket notation into
 * nested maps and lists: {@code metadata[order_id]=42}, {@code payment_method_types[]=card},
 * {@code expand[0]=customer}, {@code items[0][price]=price_1}.
 */
public final class FormDecoder {

    static final int MAX_PARAMS = 2000;
    static final int MAX_DEPTH = 6;

    private FormDecoder() {
    }

    public static Map<String, Object> decode(String body) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return root;
        }
        String[] pairs = body.split("&");
        if (pairs.length > MAX_PARAMS) {
            throw ApiException.invalidRequest("Too many parameters: at most " + MAX_PARAMS + " are accepted.");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodePart(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodePart(pair.substring(eq + 1));
            put(root, name, value);
        }
        return normalizeLists(root, null);
    }

    private static String decodePart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest("The request body is not valid form encoding.");
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String name, String value) {
        List<String> path = parseName(name);
        Map<String, Object> current = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            Object child = current.get(segment);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                current.put(segment, child);
            } else if (!(child instanceof Map)) {
                throw ApiException.invalidParam(render(path.subList(0, i + 1)),
                        "Invalid " + render(path.subList(0, i + 1)) + ": cannot be both a value and a hash.");
            }
            current = (Map<String, Object>) child;
        }
        String last = path.getLast();
        if (last.isEmpty()) {
            last = "\u0000" + String.format("%09d", current.size());
        }
        if (current.containsKey(last) && current.get(last) instanceof Map) {
            throw ApiException.invalidParam(render(path), "Invalid " + render(path) + ": cannot be both a value and a hash.");
        }
        current.put(last, value);
    }

    static List<String> parseName(String name) {
        List<String> path = new ArrayList<>();
        int bracket = name.indexOf('[');
        if (bracket < 0) {
            path.add(name);
            return checked(name, path);
        }
        path.add(name.substring(0, bracket));
        int i = bracket;
        while (i < name.length()) {
            if (name.charAt(i) != '[') {
                throw ApiException.invalidRequest("Invalid parameter name: " + safe(name));
            }
            int close = name.indexOf(']', i);
            if (close < 0) {
                throw ApiException.invalidRequest("Invalid parameter name: " + safe(name));
            }
            path.add(name.substring(i + 1, close));
            i = close + 1;
        }
        return checked(name, path);
    }

    private static List<String> checked(String name, List<String> path) {
        if (path.getFirst().isEmpty()) {
            throw ApiException.invalidRequest("Invalid parameter name: " + safe(name));
        }
        if (path.size() > MAX_DEPTH) {
            throw ApiException.invalidRequest("Parameter nested too deeply: " + safe(name));
        }
        return path;
    }

    private static String safe(String name) {
        return name.length() > 100 ? name.substring(0, 100) + "…" : name;
    }

    private static String render(List<String> path) {
        StringBuilder out = new StringBuilder(path.getFirst());
        for (String segment : path.subList(1, path.size())) {
            out.append('[').append(segment).append(']');
        }
        return out.toString();
    }

    /** Maps whose keys are all indexes (or appended with {@code []}) become lists, in index order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalizeLists(Map<String, Object> map, String ownerKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> child) {
                Map<String, Object> normalized = normalizeLists((Map<String, Object>) child, entry.getKey());
                value = "metadata".equals(entry.getKey()) ? normalized : listIfIndexed(normalized);
            }
            out.put(entry.getKey(), value);
        }
        return out;
    }

    private static Object listIfIndexed(Map<String, Object> map) {
        if (map.isEmpty()) {
            return map;
        }
        TreeMap<Long, Object> indexed = new TreeMap<>();
        long appended = Long.MAX_VALUE / 2;
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("\u0000")) {
                indexed.put(appended++, entry.getValue());
            } else if (key.matches("\\d{1,6}")) {
                indexed.put(Long.parseLong(key), entry.getValue());
            } else {
                return map;
            }
        }
        return new ArrayList<>(indexed.values());
    }
}

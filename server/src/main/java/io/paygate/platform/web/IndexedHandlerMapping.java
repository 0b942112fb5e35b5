package io.paygate.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's annotated-handler lookup with the candidates narrowed by the path's first two segments.
 *
 * <p>For a path with a variable in it ({@code /v1/payment_intents/pi_…}) the plain lookup tests every
 * mapping of the application, about a hundred, and that was a tenth of a retrieve's server time. Here each
 * mapping whose patterns begin with two literal segments is filed under them ({@code v1/payment_intents}),
 * one of a single literal segment under that segment ({@code /healthz}); the rest (a variable or a wildcard
 * in the first two segments, as in {@code /files/**}) are tested for every path.
 * The narrowed set holds every mapping that could match the path, so when exactly one of it matches, that
 * one is the answer the plain lookup would give. Everything else goes to the plain lookup unchanged: no
 * match (its 404, 405 and 415 answers), several matches (its ordering and ambiguity check), CORS preflight,
 * a percent-encoded first segment, and every path when patterns ignore case. Registering or removing a
 * mapping makes the next lookup build the index again.
 */
public class IndexedHandlerMapping extends RequestMappingHandlerMapping {

    private static final String NO_SECOND_SEGMENT = "";

    /** Counts registrations, so that an index built from an older set of mappings is built again. */
    private final AtomicLong registrations = new AtomicLong();
    private volatile Index index;

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Index current = index();
        String key = current == null ? null : keyOf(lookupPath);
        if (key == null || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        RequestMappingInfo matched = null;
        HandlerMethod handler = null;
        for (Candidate candidate : current.candidates(key)) {
            RequestMappingInfo match = getMatchingMapping(candidate.info, request);
            if (match != null) {
                if (matched != null) {
                    return super.lookupHandlerMethod(lookupPath, request);
                }
                matched = match;
                handler = candidate.handler;
            }
        }
        if (matched == null) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(matched, lookupPath, request);
        return handler;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        registrations.incrementAndGet();
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        registrations.incrementAndGet();
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        registrations.incrementAndGet();
    }

    /** How many mappings a lookup of this path tests before any fallback; for tests and diagnostics. */
    int candidatesFor(String lookupPath) {
        Index current = index();
        String key = current == null ? null : keyOf(lookupPath);
        if (key == null) {
            return getHandlerMethods().size();
        }
        return current.candidates(key).size();
    }

    /** The index of the present mappings, or null when paths are matched without regard to case. */
    private Index index() {
        if (getPatternParser() == null || !getPatternParser().isCaseSensitive()) {
            return null;
        }
        long seen = registrations.get();
        Index current = index;
        if (current == null || current.registrations != seen) {
            current = Index.of(getHandlerMethods(), seen);
            index = current;
        }
        return current;
    }

    /**
     * The first two segments of a path as filed ({@code v1/payment_intents}; a path of one segment files
     * under that segment and an empty second), or null when the path's literal text might not be what the
     * patterns match against (percent-encoded) or its first segment is empty.
     */
    static String keyOf(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        int first = path.indexOf('/', 1);
        int second = first < 0 ? -1 : path.indexOf('/', first + 1);
        int end = second < 0 ? path.length() : second;
        String key = first < 0
                ? path.substring(1) + "/" + NO_SECOND_SEGMENT
                : path.substring(1, end);
        return key.isEmpty() || key.charAt(0) == '/' || key.indexOf('%') >= 0 ? null : key;
    }

    private record Candidate(RequestMappingInfo info, HandlerMethod handler) {
    }

    /**
     * Under each key, the mappings filed there followed by those that could match any path; for any other
     * key, those alone.
     */
    private record Index(Map<String, List<Candidate>> byKey, List<Candidate> everyPath, long registrations) {

        List<Candidate> candidates(String key) {
            return byKey.getOrDefault(key, everyPath);
        }

        static Index of(Map<RequestMappingInfo, HandlerMethod> mappings, long registrations) {
            Map<String, List<Candidate>> byPrefix = new HashMap<>();
            List<Candidate> everyPath = new ArrayList<>();
            mappings.forEach((info, handler) -> {
                Candidate candidate = new Candidate(info, handler);
                List<String> keys = keysOf(info);
                if (keys == null) {
                    everyPath.add(candidate);
                } else {
                    for (String key : keys) {
                        byPrefix.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate);
                    }
                }
            });
            Map<String, List<Candidate>> byKey = new HashMap<>();
            byPrefix.forEach((key, filed) -> {
                List<Candidate> candidates = new ArrayList<>(filed);
                candidates.addAll(everyPath);
                byKey.put(key, List.copyOf(candidates));
            });
            return new Index(Map.copyOf(byKey), List.copyOf(everyPath), registrations);
        }

        /** The keys a mapping files under, or null when one of its patterns can match paths of any prefix. */
        private static List<String> keysOf(RequestMappingInfo info) {
            PathPatternsRequestCondition condition = info.getPathPatternsCondition();
            if (condition == null) {
                return null;
            }
            Set<PathPattern> patterns = condition.getPatterns();
            List<String> keys = new ArrayList<>(patterns.size());
            for (PathPattern pattern : patterns) {
                String key = literalPrefixOf(pattern.getPatternString());
                if (key == null) {
                    return null;
                }
                keys.add(key);
            }
            return keys.isEmpty() ? null : keys;
        }

        /**
         * {@code seg1/seg2} when a pattern's first two segments are plain text; {@code seg1/} when it is one
         * plain segment and nothing else; otherwise null.
         */
        private static String literalPrefixOf(String pattern) {
            if (!pattern.startsWith("/")) {
                return null;
            }
            String[] segments = pattern.substring(1).split("/", -1);
            if (segments.length == 1) {
                return plain(segments[0]) && !segments[0].isEmpty() ? segments[0] + "/" + NO_SECOND_SEGMENT : null;
            }
            if (!plain(segments[0]) || !plain(segments[1]) || segments[0].isEmpty() || segments[1].isEmpty()) {
                return null;
            }
            return segments[0] + "/" + segments[1];
        }

        private static boolean plain(String segment) {
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '{' || c == '}' || c == '*' || c == '?' || c == '%' || c == ';' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
    }
}

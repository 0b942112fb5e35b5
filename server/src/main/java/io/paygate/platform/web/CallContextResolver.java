package io.paygate.platform.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.security.ApiCaller;
import io.paygate.platform.security.AuthInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Builds the {@link CallContext} of an authenticated API request for controller methods. */
@Component
public class CallContextResolver implements HandlerMethodArgumentResolver {

    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final ObjectProvider<Tracer> tracer;
    private volatile Tracer resolvedTracer;

    public CallContextResolver(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CallContext.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        ApiCaller caller = (ApiCaller) request.getAttribute(AuthInterceptor.CALLER_ATTRIBUTE);
        if (caller == null) {
            throw ApiException.authentication("You did not provide an API key.");
        }
        String requestId = (String) request.getAttribute(RequestIdFilter.REQUEST_ID_ATTRIBUTE);
        String idempotencyKey = request.getHeader("Idempotency-Key");
        if (idempotencyKey != null) {
            idempotencyKey = idempotencyKey.trim();
            if (idempotencyKey.isEmpty()) {
                idempotencyKey = null;
            } else if (idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
                throw ApiException.invalidRequest("idempotency_key_too_long",
                        "Idempotency-Key must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters long.", null);
            }
        }
        return new CallContext(caller, requestId, idempotencyKey, trace(request, requestId));
    }

    /**
     * What the trace headers need is read now (the span current while the request is handled, the
     * caller's headers); the headers themselves are built only when a processor call asks for them.
     */
    private Supplier<RequestTrace> trace(HttpServletRequest request, String requestId) {
        Span span = currentSpan();
        String incoming = request.getHeader("traceparent");
        String correlationId = request.getHeader("X-Correlation-Id");
        return () -> headers(span, incoming, correlationId, requestId);
    }

    private static RequestTrace headers(Span span, String incoming, String correlationId, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        String traceparent = span == null ? null : traceparent(span);
        if (traceparent == null) {
            traceparent = incoming;
        }
        if (traceparent != null && TRACEPARENT.matcher(traceparent).matches()) {
            headers.put("traceparent", traceparent);
        }
        if (correlationId != null && !correlationId.isBlank()) {
            headers.put("X-Correlation-Id", RequestIdFilter.clip(correlationId));
        }
        if (requestId != null) {
            headers.put("Paygate-Request-Id", requestId);
        }
        return new RequestTrace(headers);
    }

    private Span currentSpan() {
        Tracer current = resolvedTracer;
        if (current == null) {
            current = tracer.getIfAvailable();
            if (current == null) {
                return null;
            }
            resolvedTracer = current;
        }
        return current.currentSpan();
    }

    private static String traceparent(Span span) {
        String traceId = span.context().traceId();
        String spanId = span.context().spanId();
        if (traceId == null || spanId == null || traceId.length() != 32 || spanId.length() != 16) {
            return null;
        }
        Boolean sampled = span.context().sampled();
        return "00-" + traceId + "-" + spanId + (Boolean.TRUE.equals(sampled) ? "-01" : "-00");
    }
}

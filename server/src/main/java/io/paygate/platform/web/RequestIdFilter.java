package io.paygate.platform.web;

import io.paygate.platform.ids.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@code Request-Id}, answers it in the response header and puts it, with
 * the caller's correlation id, on every log line written while the request runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String REQUEST_ID_ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    private static final int MAX_CORRELATION_ID_LENGTH = 200;

    private final Ids ids;

    public RequestIdFilter(Ids ids) {
        this.ids = ids;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = ids.next("req");
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        response.setHeader("Request-Id", requestId);
        MDC.put("requestId", requestId);
        String correlationId = request.getHeader("X-Correlation-Id");
        if (correlationId != null && !correlationId.isBlank()) {
            MDC.put("correlationId", clip(correlationId));
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
            MDC.remove("correlationId");
        }
    }

    static String clip(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9._:/@-]", "");
        return cleaned.length() > MAX_CORRELATION_ID_LENGTH ? cleaned.substring(0, MAX_CORRELATION_ID_LENGTH) : cleaned;
    }
}

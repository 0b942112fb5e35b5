package io.paygate.platform.web;

import io.paygate.platform.ids.Ids;
import io.paygate.platform.observability.SqlCapture;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@code Request-Id}, answers it in the response header and puts it, with
 * the caller's correlation id, on every log line written while the request runs; ends with one
 * access line per request (method, path, status, duration; never the query string or body).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String REQUEST_ID_ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    private static final int MAX_CORRELATION_ID_LENGTH = 200;

    private static final Logger log = LoggerFactory.getLogger("io.paygate.requests");

    private final Ids ids;
    private final boolean requestLog;

    public RequestIdFilter(Ids ids, @Value("${paygate.request-log.enabled:true}") boolean requestLog) {
        this.ids = ids;
        this.requestLog = requestLog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = ids.next("req");
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        response.setHeader("Request-Id", requestId);
        MDC.put("requestId", requestId);
        // SQL capture (diagnostics, off by default) records only requests that ask for it, and the
        // work they cause at the in-process simulator, which carries the causing request's id.
        if (request.getHeader(SqlCapture.REQUEST_HEADER) != null) {
            MDC.put(SqlCapture.KEY, requestId);
        } else {
            String cause = request.getHeader("Paygate-Request-Id");
            if (cause != null && cause.length() == 28 && cause.startsWith("req_")) {
                MDC.put(SqlCapture.KEY, cause);
                MDC.put(SqlCapture.FOLLOW, "true");
            }
        }
        String correlationId = request.getHeader("X-Correlation-Id");
        if (correlationId != null && !correlationId.isBlank()) {
            MDC.put("correlationId", clip(correlationId));
        }
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (requestLog) {
                log.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            MDC.remove("requestId");
            MDC.remove(SqlCapture.KEY);
            MDC.remove(SqlCapture.FOLLOW);
            MDC.remove("correlationId");
            MDC.remove("merchant");
            MDC.remove("mode");
        }
    }

    static String clip(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9._:/@-]", "");
        return cleaned.length() > MAX_CORRELATION_ID_LENGTH ? cleaned.substring(0, MAX_CORRELATION_ID_LENGTH) : cleaned;
    }
}

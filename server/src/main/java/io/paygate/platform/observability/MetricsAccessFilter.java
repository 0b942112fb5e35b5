package io.paygate.platform.observability;

import io.paygate.platform.security.AdminToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code /metrics} shows operational detail, so it takes the admin token like the platform API. */
@Component
class MetricsAccessFilter extends OncePerRequestFilter {

    private final AdminToken adminToken;

    MetricsAccessFilter(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals("/metrics");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (!adminToken.value().matches(presented)) {
            response.setStatus(401);
            response.setContentType("application/json;charset=utf-8");
            response.getOutputStream().write(("{\"error\":{\"message\":\"The metrics endpoint needs the admin token "
                    + "(Authorization: Bearer <admin token>).\",\"type\":\"authentication_error\"}}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}

package io.paygate.simulator;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every change the simulator makes outside its resolver comes through a request to it (its API, its
 * 3-D Secure and bank pages): once such a request has been answered, and its writes committed, the
 * resolver is told, so work with a due time is looked for on its normal interval again.
 */
@Component
class SimulatorActivity extends OncePerRequestFilter {

    private final SimulatorResolver resolver;

    SimulatorActivity(SimulatorResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/simulator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            resolver.wake();
        }
    }
}

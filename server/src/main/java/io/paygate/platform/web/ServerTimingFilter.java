package io.paygate.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code Server-Timing: processor;dur=…} on every response of a request that called a
 * payment processor ({@link ProcessorTime}). The header is set when the body starts, which is after
 * the handler (and so every processor call) has finished.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class ServerTimingFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProcessorTime.Tally tally = ProcessorTime.begin();
        try {
            chain.doFilter(request, new Stamping(response, tally));
        } finally {
            ProcessorTime.end();
        }
    }

    private static final class Stamping extends HttpServletResponseWrapper {

        private final ProcessorTime.Tally tally;
        private boolean stamped;

        Stamping(HttpServletResponse response, ProcessorTime.Tally tally) {
            super(response);
            this.tally = tally;
        }

        private void stamp() {
            if (!stamped && tally.calls > 0 && !isCommitted()) {
                setHeader("Server-Timing", ProcessorTime.header(tally));
            }
            stamped = true;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            stamp();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            stamp();
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            stamp();
            super.sendError(sc);
        }
    }
}

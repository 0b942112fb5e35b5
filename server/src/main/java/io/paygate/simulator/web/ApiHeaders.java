package io.paygate.simulator.web;

import io.paygate.simulator.SimulatorException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The headers every simulator API request carries, checked the same way by each controller. */
final class ApiHeaders {

    static final String ACCOUNT_HEADER = "Simulator-Account";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final int MAX_ACCOUNT = 40;
    private static final int MAX_KEY = 100;

    private ApiHeaders() {
    }

    static String account(String header) {
        if (header == null || header.isBlank()) {
            throw new SimulatorException(400, "missing_account",
                    "The " + ACCOUNT_HEADER + " header must name the connector account.");
        }
        if (header.length() > MAX_ACCOUNT) {
            throw SimulatorException.invalidRequest("The " + ACCOUNT_HEADER + " header is longer than " + MAX_ACCOUNT
                    + " characters.");
        }
        return header;
    }

    static String idempotencyKey(String header) {
        if (header == null || header.isBlank()) {
            throw new SimulatorException(400, "missing_idempotency_key",
                    "Every POST needs an " + IDEMPOTENCY_HEADER + " header.");
        }
        checkLength(header, IDEMPOTENCY_HEADER);
        return header;
    }

    /** A key or id taken from the path: never longer than the columns that hold them. */
    static String checkLength(String value, String name) {
        if (value.length() > MAX_KEY) {
            throw SimulatorException.invalidRequest("The " + name + " is longer than " + MAX_KEY + " characters.");
        }
        return value;
    }

    /** An optional filter from the query string; blank means none. */
    static String filter(String value, String name) {
        return value == null || value.isBlank() ? null : checkLength(value, name);
    }

    /** The scheme, host and port the request came in on. */
    static String baseUrl(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
    }
}

package io.paygate.connector.spi;

import java.util.Map;

/**
 * Headers that tie a processor call to the Paygate request that caused it ({@code traceparent},
 * {@code X-Correlation-Id}, Paygate's request id), passed through to the processor unchanged.
 */
public record RequestTrace(Map<String, String> headers) {

    public static final RequestTrace NONE = new RequestTrace(Map.of());

    public RequestTrace {
        headers = Map.copyOf(headers);
    }
}

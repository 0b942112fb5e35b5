package io.paygate.platform.web;

import io.paygate.connector.spi.RequestTrace;
import io.paygate.platform.security.ApiCaller;
import java.util.function.Supplier;

/**
 * One API call as services see it: who calls, in which mode, and what ties its effects back to
 * the request (request id and idempotency key for events, trace headers for processors).
 */
public record CallContext(ApiCaller caller, String requestId, String idempotencyKey, Supplier<RequestTrace> traceHeaders) {

    public CallContext(ApiCaller caller, String requestId, String idempotencyKey, RequestTrace trace) {
        this(caller, requestId, idempotencyKey, () -> trace);
    }

    /** The headers that tie a processor call to this request; built when asked for, as most calls never reach a processor. */
    public RequestTrace trace() {
        return traceHeaders.get();
    }

    public String merchantId() {
        return caller.merchantId();
    }

    public boolean livemode() {
        return caller.livemode();
    }

    /** A context for work that no API request caused (reconciler, processor notifications). */
    public static CallContext system(String merchantId, boolean livemode) {
        return new CallContext(new ApiCaller(merchantId, livemode, null, io.paygate.platform.security.KeyKind.SECRET, null),
                null, null, RequestTrace.NONE);
    }
}

package io.paygate.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One event on its way to one endpoint, with every attempt made so far. */
public record Delivery(String id, String merchantId, boolean livemode, String endpointId, String eventId, String eventType,
                       String status, int attempts, Long nextAttemptMs, Long lastAttemptMs, Integer lastResponseStatus,
                       long createdMs, Long completedMs) {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SUCCEEDED = "succeeded";
    public static final String DEAD = "dead";

    /** One try: when, how long, and what the receiver answered (the first 1 KB of it). */
    public record Attempt(int attempt, String node, long startedMs, long latencyMs, Integer responseStatus, String responseBody,
                          String error) {
        Map<String, Object> render() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("attempt", attempt);
            out.put("started_at", startedMs / 1000);
            out.put("latency_ms", latencyMs);
            out.put("response_status", responseStatus);
            out.put("response_body", responseBody);
            out.put("error", error);
            out.put("node", node);
            return out;
        }
    }

    public Map<String, Object> render(List<Attempt> history) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "webhook_delivery");
        out.put("attempts", history.stream().map(Attempt::render).toList());
        out.put("created", createdMs / 1000);
        out.put("event", eventId);
        out.put("event_type", eventType);
        out.put("livemode", livemode);
        out.put("next_attempt_at", nextAttemptMs == null || !(status.equals(PENDING) || status.equals(SENDING))
                ? null : nextAttemptMs / 1000);
        out.put("status", status.equals(SENDING) ? PENDING : status);
        out.put("webhook_endpoint", endpointId);
        return out;
    }
}

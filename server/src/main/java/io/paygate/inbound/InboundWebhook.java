package io.paygate.inbound;

import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;

/**
 * One row of {@code inbound_webhooks}: a processor event whose signature checked out, stored as it
 * arrived ({@code payload}, the raw body) with what it is about, and how processing it went.
 *
 * @param nextAttemptMs when a worker next takes it up (the end of the lease while processing); null once final
 * @param lastError     why the last attempt did not apply it; null when it did, or before any attempt
 */
public record InboundWebhook(String id, String connectorAccountId, String eventId, String eventType,
                             ProcessorWebhook.Kind kind, String objectKey, long eventCreated, String payload,
                             InboundWebhookStatus status, int attempts, int replays, Long nextAttemptMs,
                             Error lastError, long created, long updatedMs) {

    /** What went wrong, as a stable code and a message for the operator. */
    public record Error(String code, String message) {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    public InboundWebhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connectorAccountId, "connectorAccountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
    }

    /** A webhook just received, due for processing at once. */
    public static InboundWebhook received(String id, String connectorAccountId, ProcessorWebhook webhook, String payload,
                                          long nowMs) {
        return new InboundWebhook(id, connectorAccountId, webhook.eventId(), webhook.type(), webhook.kind(),
                webhook.objectKey(), webhook.createdEpochSecond(), payload, InboundWebhookStatus.PENDING, 0, 0, nowMs,
                null, nowMs / 1000, nowMs);
    }

    public Map<String, Object> render(Json json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "inbound_webhook");
        out.put("attempts", attempts);
        out.put("connector_account", connectorAccountId);
        out.put("created", created);
        out.put("event", event(json));
        out.put("event_created", eventCreated);
        out.put("event_id", eventId);
        out.put("event_type", eventType);
        out.put("kind", kind.name().toLowerCase(Locale.ROOT));
        out.put("last_error", lastError == null ? null : Map.of("code", lastError.code(), "message", lastError.message()));
        out.put("next_attempt_at", nextAttemptMs == null ? null : nextAttemptMs / 1000);
        out.put("object_key", objectKey);
        out.put("replays", replays);
        out.put("status", status.wireName());
        return out;
    }

    /** The event as the processor sent it: its JSON, or the text itself should a connector accept something else. */
    private Object event(Json json) {
        try {
            return json.readAny(payload);
        } catch (JacksonException e) {
            return payload;
        }
    }
}

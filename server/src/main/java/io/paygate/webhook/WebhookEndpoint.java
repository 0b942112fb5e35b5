package io.paygate.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A merchant's webhook endpoint, as stored (its secrets are sealed and kept out of this record). */
public record WebhookEndpoint(String id, String merchantId, boolean livemode, String url, String description,
                              List<String> enabledEvents, String status, String apiVersion, Map<String, String> metadata,
                              Long failingSinceMs, String disabledReason, Long previousSecretExpiresAt, long created) {

    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";

    public boolean wants(String eventType) {
        return enabledEvents.contains("*") || enabledEvents.contains(eventType);
    }

    public Map<String, Object> render(String secret) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "webhook_endpoint");
        out.put("api_version", apiVersion);
        out.put("application", null);
        out.put("created", created);
        out.put("description", description);
        out.put("disabled_reason", disabledReason);
        out.put("enabled_events", enabledEvents);
        out.put("livemode", livemode);
        out.put("metadata", metadata);
        if (secret != null) {
            out.put("secret", secret);
        }
        out.put("status", status);
        out.put("url", url);
        return out;
    }
}

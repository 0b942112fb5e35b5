package io.paygate.event;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.util.RawValue;

/** A stored event: Stripe's envelope around a snapshot of the object it is about. */
public record Event(String id, String merchantId, boolean livemode, String type, String objectId, String apiVersion,
                   Map<String, Object> data, String requestId, String idempotencyKey, long created) {

    public Map<String, Object> render() {
        return render(data);
    }

    /** The same envelope around the event's data given as the JSON text it was stored as, written out as it is. */
    public Map<String, Object> render(String storedData) {
        return render(new RawValue(storedData));
    }

    private Map<String, Object> render(Object data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "event");
        out.put("api_version", apiVersion);
        out.put("created", created);
        out.put("data", data);
        out.put("livemode", livemode);
        out.put("pending_webhooks", 0);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", requestId);
        request.put("idempotency_key", idempotencyKey);
        out.put("request", request);
        out.put("type", type);
        return out;
    }
}

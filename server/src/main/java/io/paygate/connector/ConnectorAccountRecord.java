package io.paygate.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A merchant's account at a processor, as Paygate stores it. Credentials are sealed; only their
 * names are ever shown.
 */
public record ConnectorAccountRecord(String id, String merchantId, boolean livemode, String connector, String displayName,
                                     Map<String, String> settings, List<String> credentialNames, String status,
                                     int priority, Map<String, String> metadata, long created) {

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "connector_account");
        out.put("connector", connector);
        out.put("created", created);
        out.put("credentials", credentialNames);
        out.put("display_name", displayName);
        out.put("livemode", livemode);
        out.put("metadata", metadata);
        out.put("priority", priority);
        out.put("settings", settings);
        out.put("status", status);
        return out;
    }
}

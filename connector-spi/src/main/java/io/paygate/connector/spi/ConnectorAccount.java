package io.paygate.connector.spi;

import java.util.Map;

/**
 * One merchant's account at one processor: its id in Paygate, the connector type, plain settings
 * (latency, endpoints, merchant account names) and credentials, already decrypted.
 */
public record ConnectorAccount(String id, String type, boolean livemode, Map<String, String> settings,
                               Map<String, Secret> credentials) {

    public ConnectorAccount {
        settings = Map.copyOf(settings);
        credentials = Map.copyOf(credentials);
    }

    public String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }

    public long longSetting(String name, long fallback) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }

    public double doubleSetting(String name, double fallback) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
    }
}

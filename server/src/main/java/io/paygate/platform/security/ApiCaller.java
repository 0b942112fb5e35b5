package io.paygate.platform.security;

import java.util.Map;

/**
 * Who is calling: the merchant and mode an API key belongs to, and what the key may do.
 * {@code permissions} maps resource names to {@code read} or {@code write} for restricted keys.
 */
public record ApiCaller(String merchantId, boolean livemode, String keyId, KeyKind kind,
                        Map<String, String> permissions) {

    public ApiCaller {
        permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
    }

    public String mode() {
        return livemode ? "live" : "test";
    }

    public boolean isPublishable() {
        return kind == KeyKind.PUBLISHABLE;
    }
}

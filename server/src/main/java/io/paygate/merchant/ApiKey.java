package io.paygate.merchant;

import io.paygate.platform.security.KeyKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** An API key as stored: never the key itself, only its hash and a redacted form. */
public record ApiKey(String id, String merchantId, boolean livemode, KeyKind kind, String redacted, String name,
                     Map<String, String> permissions, long created, Long expiresAt, Long revokedAt) {

    public boolean activeAt(long epochSecond) {
        return revokedAt == null && (expiresAt == null || expiresAt > epochSecond);
    }

    public Map<String, Object> render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "api_key");
        out.put("created", created);
        out.put("expires_at", expiresAt);
        out.put("livemode", livemode);
        out.put("merchant", merchantId);
        out.put("name", name);
        out.put("permissions", kind == KeyKind.RESTRICTED ? permissions : null);
        out.put("redacted", redacted);
        out.put("revoked_at", revokedAt);
        out.put("type", kind.wireName());
        return out;
    }
}

package io.paygate.merchant;

import io.paygate.connector.spi.Secret;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.security.ApiCaller;
import io.paygate.platform.security.ApiKeyAuthenticator;
import io.paygate.platform.security.KeyKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Issues, rolls, revokes and checks API keys. Keys are 40 random characters after their prefix,
 * so a plain SHA-256 of the key is a safe stored form and a fast lookup (no slow KDF is needed
 * for secrets with this much entropy).
 */
@Service
public class ApiKeyService implements ApiKeyAuthenticator {

    /** Resources a restricted key may be granted, each at {@code read} or {@code write}. */
    public static final Set<String> RESOURCES = Set.of("customers", "payment_methods", "payment_intents", "charges",
            "events", "connector_accounts", "refunds", "disputes", "balance", "webhook_endpoints");

    private static final int KEY_RANDOM_CHARS = 40;

    private final ApiKeyRepository keys;
    private final Ids ids;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, Ids ids, Clock clock) {
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
    }

    public IssuedKey issue(String merchantId, boolean livemode, KeyKind kind, String name, Map<String, String> permissions) {
        Map<String, String> granted = kind == KeyKind.RESTRICTED ? validPermissions(permissions) : Map.of();
        String clear = kind.keyPrefix(livemode) + ids.token(KEY_RANDOM_CHARS);
        ApiKey key = new ApiKey(ids.next("key"), merchantId, livemode, kind, redact(clear), name, granted,
                clock.instant().getEpochSecond(), null, null);
        keys.insert(key, hash(clear));
        return new IssuedKey(key, Secret.of(clear));
    }

    /**
     * Replaces a key with a new one of the same kind and permissions; the old one keeps working
     * until {@code oldKeyExpiresAt} (now, when null) so deployments can switch over.
     */
    public IssuedKey roll(String keyId, Long oldKeyExpiresAt) {
        ApiKey old = keys.find(keyId).orElseThrow(() -> ApiException.notFound("api_key", keyId, "id"));
        long now = clock.instant().getEpochSecond();
        if (!old.activeAt(now)) {
            throw ApiException.invalidRequest("api_key_inactive", "This API key is expired or revoked and cannot be rolled.", null);
        }
        long expiresAt = oldKeyExpiresAt == null ? now : oldKeyExpiresAt;
        if (expiresAt < now) {
            throw ApiException.invalidParam("expires_at", "expires_at must not be in the past.");
        }
        IssuedKey fresh = issue(old.merchantId(), old.livemode(), old.kind(), old.name(), old.permissions());
        keys.setExpiry(old.id(), expiresAt);
        return fresh;
    }

    public ApiKey revoke(String keyId) {
        ApiKey key = keys.find(keyId).orElseThrow(() -> ApiException.notFound("api_key", keyId, "id"));
        keys.revoke(keyId, clock.instant().getEpochSecond());
        return keys.find(key.id()).orElseThrow();
    }

    public Optional<ApiKey> find(String keyId) {
        return keys.find(keyId);
    }

    public List<ApiKey> listForMerchant(String merchantId) {
        return keys.listByMerchant(merchantId);
    }

    @Override
    public Optional<ApiCaller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.length() < 12 || presentedKey.length() > 200) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        return keys.findByHash(hash(presentedKey))
                .filter(key -> key.activeAt(now))
                .map(key -> new ApiCaller(key.merchantId(), key.livemode(), key.id(), key.kind(), key.permissions()));
    }

    private static Map<String, String> validPermissions(Map<String, String> permissions) {
        if (permissions == null || permissions.isEmpty()) {
            throw ApiException.missingParam("permissions");
        }
        permissions.forEach((resource, level) -> {
            if (!RESOURCES.contains(resource)) {
                throw ApiException.invalidParam("permissions[" + resource + "]", "Unknown resource '" + resource
                        + "'. Known resources: " + String.join(", ", RESOURCES.stream().sorted().toList()) + ".");
            }
            if (!level.equals("read") && !level.equals("write") && !level.equals("none")) {
                throw ApiException.invalidParam("permissions[" + resource + "]", "Permission levels are read, write or none.");
            }
        });
        return Map.copyOf(permissions);
    }

    static String redact(String clear) {
        return clear.substring(0, clear.indexOf('_', 3) + 1) + "..." + clear.substring(clear.length() - 4);
    }

    static String hash(String clear) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(digest.digest(clear.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

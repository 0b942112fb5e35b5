package io.paygate.merchant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.paygate.connector.spi.Secret;
import io.paygate.platform.db.Transactions;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.security.ApiCaller;
import io.paygate.platform.security.ApiKeyAuthenticator;
import io.paygate.platform.security.KeyKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Issues, rolls, revokes and checks API keys. Keys are 40 random characters after their prefix,
 * so a plain SHA-256 of the key is a safe stored form and a fast lookup (no slow KDF is needed
 * for secrets with this much entropy).
 *
 * <p>Every API request presents a key, so a key found by its hash is kept for
 * {@code paygate.api-keys.cache-ttl} (default 2 s; 0 turns the cache off) instead of being read on
 * each request. Its expiry and revocation time are checked on every use; a revocation or roll on
 * this node drops the key at once, while another node of the same database may accept it until its
 * copy ages out. Unknown keys are never cached.
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

    private final Cache<String, ApiKey> byHash;

    ApiKeyService(ApiKeyRepository keys, Ids ids, Clock clock,
                  @Value("${paygate.api-keys.cache-ttl:PT2S}") Duration cacheTtl) {
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
        this.byHash = Caffeine.newBuilder().maximumSize(cacheTtl.isZero() ? 0 : 10_000).expireAfterWrite(cacheTtl).build();
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
        forget(old.id());
        return fresh;
    }

    public ApiKey revoke(String keyId) {
        ApiKey key = keys.find(keyId).orElseThrow(() -> ApiException.notFound("api_key", keyId, "id"));
        keys.revoke(keyId, clock.instant().getEpochSecond());
        forget(keyId);
        return keys.find(key.id()).orElseThrow();
    }

    /** Drops a changed key now and again once the change commits, so no copy read meanwhile survives it. */
    private void forget(String keyId) {
        Runnable drop = () -> byHash.asMap().values().removeIf(cached -> cached.id().equals(keyId));
        drop.run();
        Transactions.afterCommit(drop);
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
        return Optional.ofNullable(byHash.get(hash(presentedKey), hash -> keys.findByHash(hash).orElse(null)))
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
            // A copy of a ready digest: looking the algorithm up among the providers cost more than hashing the key.
            MessageDigest digest = (MessageDigest) SHA_256.clone();
            return java.util.HexFormat.of().formatHex(digest.digest(clear.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final MessageDigest SHA_256 = sha256();

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

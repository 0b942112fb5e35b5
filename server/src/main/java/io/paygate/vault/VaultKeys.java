package io.paygate.vault;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault's key material: AES-256 data keys by id (one of them active for new encryptions, the
 * others kept to decrypt older ciphertexts) and the HMAC key for card fingerprints.
 */
record VaultKeys(String activeKeyId, Map<String, SecretKey> dataKeys, SecretKey fingerprintKey) {

    VaultKeys {
        if (!dataKeys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active vault key " + activeKeyId + " is not among the configured keys");
        }
        dataKeys.values().forEach(key -> {
            if (key.getEncoded().length != 32) {
                throw new IllegalArgumentException("vault data keys must be 256 bits (32 bytes, base64-encoded)");
            }
        });
        if (fingerprintKey.getEncoded().length < 32) {
            throw new IllegalArgumentException("the fingerprint key must be at least 256 bits");
        }
        dataKeys = Map.copyOf(dataKeys);
    }

    /**
     * Parses {@code keyId:base64,keyId:base64} (the first one is active) and a base64 fingerprint key.
     */
    static VaultKeys parse(String dataKeySpec, String fingerprintKey) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String active = null;
        for (String entry : dataKeySpec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("vault keys must look like keyId:base64Key[,keyId:base64Key...]");
            }
            String id = trimmed.substring(0, colon);
            keys.put(id, new SecretKeySpec(Base64.getDecoder().decode(trimmed.substring(colon + 1)), "AES"));
            if (active == null) {
                active = id;
            }
        }
        if (active == null) {
            throw new IllegalArgumentException("no vault key configured");
        }
        return new VaultKeys(active, keys, new SecretKeySpec(Base64.getDecoder().decode(fingerprintKey.trim()), "HmacSHA256"));
    }

    static VaultKeys fromProperties(String content) {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(content));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return parse(properties.getProperty("data-keys", ""), properties.getProperty("fingerprint-key", ""));
    }
}

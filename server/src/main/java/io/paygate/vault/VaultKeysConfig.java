package io.paygate.vault;

import io.paygate.platform.config.DataDirectory;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Vault keys come from {@code paygate.vault.data-keys} and {@code paygate.vault.fingerprint-key}
 * (environment {@code PAYGATE_VAULT_DATA_KEYS}, {@code PAYGATE_VAULT_FINGERPRINT_KEY}). Without them,
 * Paygate generates a key file in the data directory, owner-readable only: right for the embedded
 * default, and logged as a warning so production sets real ones.
 */
@Configuration(proxyBeanMethods = false)
class VaultKeysConfig {

    private static final Logger log = LoggerFactory.getLogger(VaultKeysConfig.class);
    static final String FILE = "vault-keys.properties";

    @Bean
    VaultKeys vaultKeys(@Value("${paygate.vault.data-keys:}") String dataKeys,
                        @Value("${paygate.vault.fingerprint-key:}") String fingerprintKey, DataDirectory data) {
        if (!dataKeys.isBlank() && !fingerprintKey.isBlank()) {
            return VaultKeys.parse(dataKeys, fingerprintKey);
        }
        if (!dataKeys.isBlank() || !fingerprintKey.isBlank()) {
            throw new IllegalStateException("Set both paygate.vault.data-keys and paygate.vault.fingerprint-key, or neither.");
        }
        String content = data.readOrCreateSecret(FILE, VaultKeysConfig::generate);
        log.warn("Card vault keys read from {}. For production, configure PAYGATE_VAULT_DATA_KEYS and "
                + "PAYGATE_VAULT_FINGERPRINT_KEY from a secret store.", data.resolve(FILE));
        return VaultKeys.fromProperties(content);
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        byte[] dataKey = new byte[32];
        byte[] fingerprintKey = new byte[32];
        random.nextBytes(dataKey);
        random.nextBytes(fingerprintKey);
        String keyId = "vk" + Long.toString(System.currentTimeMillis(), 36);
        return "# Paygate card vault keys. Losing this file makes stored card numbers unreadable.\n"
                + "data-keys=" + keyId + ":" + Base64.getEncoder().encodeToString(dataKey) + "\n"
                + "fingerprint-key=" + Base64.getEncoder().encodeToString(fingerprintKey) + "\n";
    }
}

package io.paygate.platform.security;

import io.paygate.connector.spi.Secret;
import io.paygate.platform.config.DataDirectory;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin token comes from {@code paygate.admin-token} ({@code PAYGATE_ADMIN_TOKEN}); without one,
 * Paygate generates it once into the data directory, owner-readable only.
 */
@Configuration(proxyBeanMethods = false)
class AdminTokenConfig {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenConfig.class);
    static final String FILE = "admin-token";

    @Bean
    AdminToken adminToken(@Value("${paygate.admin-token:}") String configured, DataDirectory data) {
        if (!configured.isBlank()) {
            return new AdminToken(Secret.of(configured.trim()));
        }
        String token = data.readOrCreateSecret(FILE, () -> {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return "admin_" + HexFormat.of().formatHex(bytes);
        }).trim();
        log.info("Admin token read from {} (set PAYGATE_ADMIN_TOKEN to configure one)", data.resolve(FILE));
        return new AdminToken(Secret.of(token));
    }
}

package io.paygate.merchant;

import io.paygate.connector.spi.Secret;
import java.util.Map;

/** A key just created: the only moment its clear value exists outside the caller's hands. */
public record IssuedKey(ApiKey key, Secret secret) {

    public Map<String, Object> render() {
        Map<String, Object> out = key.render();
        out.put("secret", secret.reveal());
        return out;
    }
}

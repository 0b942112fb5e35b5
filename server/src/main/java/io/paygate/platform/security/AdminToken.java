package io.paygate.platform.security;

import io.paygate.connector.spi.Secret;

/** The platform administrator's bearer token, from configuration or generated on first start. */
public record AdminToken(Secret value) {
}

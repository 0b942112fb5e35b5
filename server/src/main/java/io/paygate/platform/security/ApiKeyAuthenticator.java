package io.paygate.platform.security;

import java.util.Optional;

/** Resolves a presented API key to its caller; implemented by the merchant feature. */
public interface ApiKeyAuthenticator {

    Optional<ApiCaller> authenticate(String presentedKey);
}

package io.paygate.support;

/** A merchant onboarded through the admin API for one test, with its test-mode keys. */
public record TestMerchant(String id, String secretKey, String publishableKey, String liveSecretKey,
                           String simulatorAccountId) {
}

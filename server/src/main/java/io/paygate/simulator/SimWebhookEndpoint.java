package io.paygate.simulator;

import io.paygate.connector.spi.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code sim_webhook_endpoints}: where an account's webhooks go and what they are signed
 * with. A replaced secret keeps signing next to the new one until {@code previousSecretUntilMs}, so
 * a client that has not stored the new secret yet still accepts the events.
 *
 * @param idempotencyKey the key of the registration that set this endpoint; a repeat of it answers this one
 */
public record SimWebhookEndpoint(String accountId, String url, Secret secret, String idempotencyKey,
                                 Secret previousSecret, Long previousSecretUntilMs, long created) {

    public SimWebhookEndpoint {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if ((previousSecret == null) != (previousSecretUntilMs == null)) {
            throw new IllegalArgumentException("a previous secret has an end, and only then");
        }
    }

    public static SimWebhookEndpoint first(String accountId, String url, Secret secret, String idempotencyKey,
                                           long nowMs) {
        return new SimWebhookEndpoint(accountId, url, secret, idempotencyKey, null, null, nowMs / 1000);
    }

    /** This endpoint moved to {@code url} and {@code secret}; the current secret keeps signing for {@code overlapMs}. */
    public SimWebhookEndpoint replacedBy(String newUrl, Secret newSecret, String newKey, long nowMs, long overlapMs) {
        return new SimWebhookEndpoint(accountId, newUrl, newSecret, newKey, secret, nowMs + overlapMs, nowMs / 1000);
    }

    /** The secrets events are signed with at {@code nowMs}: the current one first. */
    public List<Secret> signingSecrets(long nowMs) {
        List<Secret> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretUntilMs > nowMs && !previousSecret.equals(secret)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}

package io.paygate.simulator;

import io.paygate.connector.spi.Secret;
import io.paygate.platform.ids.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Where an account's webhooks go. Registering creates or replaces the account's one endpoint with a
 * fresh secret; a repeat of a registration (same idempotency key) answers the same secret, so two
 * clients registering at once end up with the secret the simulator signs with.
 */
@Service
public class SimulatorWebhookEndpoints {

    /** How many events a list answers at most. */
    public static final int LIST_LIMIT = 100;
    private static final int MAX_URL_LENGTH = 2000;
    private static final int SECRET_LENGTH = 32;

    private final SimWebhookEndpointRepository endpoints;
    private final SimWebhookDeliveryRepository deliveries;
    private final SimulatorWebhookSettings settings;
    private final Ids ids;
    private final Clock clock;

    SimulatorWebhookEndpoints(SimWebhookEndpointRepository endpoints, SimWebhookDeliveryRepository deliveries,
                              SimulatorWebhookSettings settings, Ids ids, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    public SimWebhookEndpoint register(String accountId, String url, String registrationKey) {
        checkUrl(url);
        Optional<SimWebhookEndpoint> current = endpoints.find(accountId);
        if (current.isPresent() && current.get().idempotencyKey().equals(registrationKey)) {
            if (!current.get().url().equals(url)) {
                throw SimulatorException.keyReused();
            }
            return current.get();
        }
        long now = clock.millis();
        Secret secret = Secret.of("simwhsec_" + ids.token(SECRET_LENGTH));
        boolean stored = current.isPresent()
                ? endpoints.replace(current.get().replacedBy(url, secret, registrationKey, now,
                        settings.rotationOverlap().toMillis()), current.get().idempotencyKey())
                : insert(SimWebhookEndpoint.first(accountId, url, secret, registrationKey, now));
        if (!stored) {
            // Another registration got there first: decide again on what it left.
            return register(accountId, url, registrationKey);
        }
        // Events that waited for an endpoint go out now rather than at their next look.
        deliveries.dueNow(accountId, now);
        return endpoints.find(accountId).orElseThrow(() -> new IllegalStateException("webhook endpoint vanished"));
    }

    public Optional<SimWebhookEndpoint> find(String accountId) {
        return endpoints.find(accountId);
    }

    /** The account's events, newest first. */
    public List<SimWebhookDelivery> deliveries(String accountId) {
        return deliveries.list(accountId, LIST_LIMIT);
    }

    private boolean insert(SimWebhookEndpoint endpoint) {
        try {
            endpoints.insert(endpoint);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static void checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw SimulatorException.invalidRequest("url is required.");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw SimulatorException.invalidRequest("url is longer than " + MAX_URL_LENGTH + " characters.");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw SimulatorException.invalidRequest("url must be an absolute http or https URL.");
            }
        } catch (URISyntaxException e) {
            throw SimulatorException.invalidRequest("url is not a valid URL.");
        }
    }
}

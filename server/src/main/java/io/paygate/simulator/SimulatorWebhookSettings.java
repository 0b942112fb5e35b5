package io.paygate.simulator;

import io.paygate.platform.retry.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulator sends its webhooks.
 *
 * @param maxAttempts       tries per event before it is dead; retries wait {@code retryBase}, doubling up to {@code retryMax}
 * @param unregisteredRetry how long an event waits before looking again for an endpoint its account has not registered
 * @param timeout           how long one delivery may take before it counts as failed
 * @param lease             how long a sender owns an event it took up; after that another may send it
 * @param rotationOverlap   how long a replaced secret keeps signing next to the new one
 */
@ConfigurationProperties("paygate.simulator.webhooks")
public record SimulatorWebhookSettings(@DefaultValue("10") int maxAttempts, @DefaultValue("PT1S") Duration retryBase,
                                       @DefaultValue("PT10M") Duration retryMax,
                                       @DefaultValue("PT5S") Duration unregisteredRetry,
                                       @DefaultValue("PT10S") Duration timeout, @DefaultValue("PT1M") Duration lease,
                                       @DefaultValue("PT24H") Duration rotationOverlap) {

    public SimulatorWebhookSettings {
        if (lease.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("the webhook lease must outlast a delivery's timeout");
        }
    }

    Backoff backoff() {
        return new Backoff(retryBase, retryMax, maxAttempts);
    }
}

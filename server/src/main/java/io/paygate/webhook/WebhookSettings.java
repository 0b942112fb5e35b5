package io.paygate.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Merchant webhook delivery.
 *
 * @param retrySchedule      the wait before each retry after a failed attempt; its length is the number of
 *                           retries (the default spans three days, as Stripe's)
 * @param testModeTimeScale  test-mode deliveries wait this fraction of the schedule (1 = as live)
 * @param timeout            how long one attempt may take
 * @param disableAfter       an endpoint failing without a single success for this long is disabled
 * @param perEndpointConcurrency attempts in flight to one endpoint from one node: one endpoint takes
 *                           at most about this many divided by its answer time per second from a node
 *                           (48 at 50 ms is some 960 events a second)
 * @param testModeAllowLocal whether test-mode endpoints may point at loopback and private addresses
 * @param secretOverlap      how long a rolled secret keeps signing beside the new one, by default
 */
@ConfigurationProperties("paygate.webhooks")
public record WebhookSettings(
        @DefaultValue({"PT1M", "PT5M", "PT30M", "PT1H", "PT2H", "PT4H", "PT8H", "PT12H", "PT12H", "PT16H", "PT16H"})
        List<Duration> retrySchedule,
        @DefaultValue("1.0") double testModeTimeScale,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("P3D") Duration disableAfter,
        @DefaultValue("48") int perEndpointConcurrency,
        @DefaultValue("true") boolean testModeAllowLocal,
        @DefaultValue("PT24H") Duration secretOverlap,
        @DefaultValue("PT0.2S") Duration pollInterval,
        @DefaultValue("PT60S") Duration lease,
        @DefaultValue("100") int batchSize) {

    /**
     * Deliveries a node claims per sender slot of an endpoint beyond the one being sent: up to four,
     * as long as all of them, one attempt timeout after another, fit in the lease with one to spare.
     */
    int queuedPerSender() {
        long fit = lease.toMillis() / Math.max(1, timeout.toMillis()) - 2;
        return (int) Math.max(0, Math.min(4, fit));
    }

    /** The wait before retry number {@code failures} (1-based), with ±20% jitter; null when no retry is left. */
    Long retryDelayMs(int failures, boolean livemode, java.util.random.RandomGenerator random) {
        if (failures > retrySchedule.size()) {
            return null;
        }
        double base = retrySchedule.get(failures - 1).toMillis() * (livemode ? 1.0 : testModeTimeScale);
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Math.max(1L, Math.round(base * jitter));
    }
}

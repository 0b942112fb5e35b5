package io.paygate.support;

/**
 * Quick webhook retries for the test servers. Every test server takes these, because on PostgreSQL
 * they share one database and so one webhook outbox and one inbound queue: whichever server takes a
 * webhook up must retry it the same way.
 */
public final class WebhookTestSettings {

    /** The simulator sends each event at most four times, waiting 0.1 s, then 0.2 s, then 0.4 s. */
    public static final String SIMULATOR_MAX_ATTEMPTS = "paygate.simulator.webhooks.max-attempts=4";
    public static final String SIMULATOR_RETRY_BASE = "paygate.simulator.webhooks.retry-base=PT0.1S";
    public static final String SIMULATOR_RETRY_MAX = "paygate.simulator.webhooks.retry-max=PT0.4S";
    public static final String SIMULATOR_UNREGISTERED_RETRY = "paygate.simulator.webhooks.unregistered-retry=PT0.5S";
    /** Paygate processes an inbound webhook about an unknown object three times, waiting 0.2 s, then 0.4 s. */
    public static final String INBOUND_UNKNOWN_OBJECT_ATTEMPTS = "paygate.inbound-webhooks.unknown-object-attempts=3";
    public static final String INBOUND_RETRY_BASE = "paygate.inbound-webhooks.retry-base=PT0.2S";
    public static final String INBOUND_RETRY_MAX = "paygate.inbound-webhooks.retry-max=PT1S";

    public static final int SIMULATOR_ATTEMPTS = 4;
    public static final int INBOUND_UNKNOWN_OBJECT_TRIES = 3;

    private WebhookTestSettings() {
    }
}

package io.paygate.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Paygate chases processor answers it does not have.
 *
 * @param interval       how often the reconciler looks for due work
 * @param grace          extra wait after a call's timeout before a still-unanswered attempt is chased
 * @param lease          how long one reconciler worker owns an item it is resolving
 * @param unknownRetry   first retry delay after an unknown answer (doubling up to a minute)
 * @param pendingPoll    how often an asynchronous (pending) payment is asked about
 * @param actionPoll     how often a payment awaiting the customer (3-D Secure, bank page) is asked about
 * @param processorTimeout the longest a processor call may take, the base of the write-ahead grace
 */
@ConfigurationProperties("paygate.reconciler")
public record ReconcilerSettings(@DefaultValue("PT1S") Duration interval, @DefaultValue("PT10S") Duration grace,
                                 @DefaultValue("PT60S") Duration lease, @DefaultValue("PT2S") Duration unknownRetry,
                                 @DefaultValue("PT5S") Duration pendingPoll, @DefaultValue("PT60S") Duration actionPoll,
                                 @DefaultValue("PT30S") Duration processorTimeout, @DefaultValue("32") int concurrency) {

    public long unknownRetryMs() {
        return unknownRetry.toMillis();
    }

    public long pendingPollMs() {
        return pendingPoll.toMillis();
    }

    public long actionPollMs() {
        return actionPoll.toMillis();
    }

    /** When an attempt written now should be chased if its call never reports back. */
    public long firstCheckAfterMs() {
        return processorTimeout.toMillis() + grace.toMillis();
    }
}

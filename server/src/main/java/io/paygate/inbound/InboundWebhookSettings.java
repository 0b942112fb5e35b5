package io.paygate.inbound;

import io.paygate.platform.retry.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How inbound processor webhooks are processed.
 *
 * @param maxAttempts           tries of a webhook whose processing fails before it is dead
 * @param unknownObjectAttempts tries of a webhook about an object Paygate does not know (it may not be
 *                              committed yet) before it is dead
 * @param retryBase             the wait before the second try, doubling up to {@code retryMax}
 * @param lease                 how long a worker owns a webhook it took up; after that another may process it
 */
@ConfigurationProperties("paygate.inbound-webhooks")
public record InboundWebhookSettings(@DefaultValue("8") int maxAttempts, @DefaultValue("5") int unknownObjectAttempts,
                                     @DefaultValue("PT1S") Duration retryBase, @DefaultValue("PT5M") Duration retryMax,
                                     @DefaultValue("PT2M") Duration lease) {

    Backoff failures() {
        return new Backoff(retryBase, retryMax, maxAttempts);
    }

    Backoff unknownObjects() {
        return new Backoff(retryBase, retryMax, unknownObjectAttempts);
    }
}

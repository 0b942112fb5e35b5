package io.paygate.connector.spi;

import java.util.Objects;

/** What a processor answered when asked to send its webhooks to one of Paygate's URLs. */
public sealed interface WebhookEndpointRegistration {

    /** Registered; the processor signs its webhooks with {@code secret}. */
    record Registered(Secret secret) implements WebhookEndpointRegistration {
        public Registered {
            Objects.requireNonNull(secret, "secret");
        }
    }

    /** The processor refused the registration (for example, a URL it does not accept). */
    record Refused(String code, String message) implements WebhookEndpointRegistration {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** No usable answer; whether the endpoint was registered is not known, so the caller asks again later. */
    record Unknown(String reason) implements WebhookEndpointRegistration {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package io.paygate.connector.spi;

import java.net.URI;
import java.util.Objects;

/**
 * What a processor answered. {@link Unknown} is a first-class answer: a timeout or a broken
 * connection says nothing about whether money moved, so Paygate records it and asks again later
 * instead of treating it as a failure.
 */
public sealed interface ProcessorOutcome {

    /** The authorization holds {@code authorizedMinor}; {@code capturedMinor} of it is captured. */
    record Approved(String reference, long authorizedMinor, long capturedMinor) implements ProcessorOutcome {
        public Approved {
            Objects.requireNonNull(reference, "reference");
            if (capturedMinor < 0 || capturedMinor > authorizedMinor) {
                throw new IllegalArgumentException("captured amount outside the authorization");
            }
        }

        public boolean captured() {
            return capturedMinor > 0;
        }
    }

    /**
     * The processor refused. {@code code} is a Stripe error code such as {@code card_declined},
     * {@code expired_card}, {@code incorrect_cvc} or {@code processing_error}; {@code declineCode}
     * the issuer's reason where there is one.
     */
    record Declined(String reference, String code, String declineCode, String message) implements ProcessorOutcome {
        public Declined {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The customer must visit {@code redirectUrl} (3-D Secure, a bank page) before it completes. */
    record ActionRequired(String reference, URI redirectUrl) implements ProcessorOutcome {
        public ActionRequired {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(redirectUrl, "redirectUrl");
        }
    }

    /** Accepted and still in progress at the processor; the result arrives later. */
    record Pending(String reference) implements ProcessorOutcome {
        public Pending {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /** The authorization is released (or was never completed and now never will be). */
    record Voided(String reference) implements ProcessorOutcome {
    }

    /** The processor has no record of the authorization key. */
    record NotFound() implements ProcessorOutcome {
    }

    /** No answer that says what happened: timeout, connection reset, unreadable response, 5xx. */
    record Unknown(String reason) implements ProcessorOutcome {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package io.paygate.connector.spi;

import java.util.Locale;
import java.util.Objects;

/** Whether an inbound webhook is the processor's, unaltered and recent, and what it is about. */
public sealed interface WebhookVerification {

    record Verified(ProcessorWebhook webhook) implements WebhookVerification {
        public Verified {
            Objects.requireNonNull(webhook, "webhook");
        }
    }

    record Rejected(Reason reason) implements WebhookVerification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a webhook was refused; {@link #code()} is the stable error code answered to the sender. */
    enum Reason {
        /** No signature header at all. */
        MISSING_SIGNATURE,
        /** A signature header that is unreadable or matches none of the expected signatures. */
        BAD_SIGNATURE,
        /** Signed correctly, but too long ago (or too far ahead) to be anything but a replay. */
        TIMESTAMP_OUTSIDE_TOLERANCE,
        /** Signed correctly, but not an event this connector can read. */
        MALFORMED_PAYLOAD,
        /** The connector account has no webhook secret to check the signature with (yet). */
        NO_SECRET;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

package io.paygate.connector.spi;

import java.util.Objects;

/** What a processor says about a refund. As for payments, "no answer" is {@link Unknown}, never a failure. */
public sealed interface RefundOutcome {

    record Succeeded(String reference) implements RefundOutcome {
    }

    /** Accepted; the money has not moved yet. */
    record Pending(String reference) implements RefundOutcome {
    }

    /** The refund did not happen (refused at once, or failed later); the money stays with the merchant. */
    record Failed(String reference, String code, String message) implements RefundOutcome {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Canceled while still pending; no money moved. */
    record Canceled(String reference) implements RefundOutcome {
    }

    /** The processor has no refund with this key. */
    record NotFound() implements RefundOutcome {
    }

    record Unknown(String reason) implements RefundOutcome {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

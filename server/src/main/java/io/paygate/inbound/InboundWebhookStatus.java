package io.paygate.inbound;

import java.util.Locale;
import java.util.Optional;

/** Where an inbound processor webhook is in Paygate's queue. */
public enum InboundWebhookStatus {
    /** Stored and waiting for its (next) processing. */
    PENDING,
    /** Taken up by a worker, which holds it until its lease ends. */
    PROCESSING,
    /** The object's state was read from the processor and recorded. */
    PROCESSED,
    /** A late event about an object that was already final: recorded, not applied. */
    IGNORED,
    /** It failed (or its object stayed unknown) on every attempt; a replay is the only way on. */
    DEAD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InboundWebhookStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The status with this wire name, or empty for any other text (a list filter from the outside). */
    public static Optional<InboundWebhookStatus> find(String value) {
        for (InboundWebhookStatus status : values()) {
            if (status.wireName().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}

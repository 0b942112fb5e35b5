package io.paygate.inbound;

import io.paygate.connector.ProcessorWatchers;
import io.paygate.platform.retry.Backoff;
import java.util.Objects;
import java.util.OptionalLong;

/** How one attempt at processing an inbound webhook ended, and so what becomes of it. Pure. */
sealed interface ProcessingOutcome {

    String UNKNOWN_OBJECT = "unknown_object";
    String PROCESSING_FAILED = "processing_failed";
    int MAX_MESSAGE_LENGTH = 1000;

    /** Processed or ignored: nothing more to do. */
    record Done(InboundWebhookStatus status) implements ProcessingOutcome {
        public Done {
            if (status != InboundWebhookStatus.PROCESSED && status != InboundWebhookStatus.IGNORED) {
                throw new IllegalArgumentException("a webhook is done when processed or ignored, not " + status);
            }
        }
    }

    /** Try again after {@code delayMs}. */
    record Retry(long delayMs, InboundWebhook.Error error) implements ProcessingOutcome {
        public Retry {
            Objects.requireNonNull(error, "error");
        }
    }

    /** No tries left. */
    record Dead(InboundWebhook.Error error) implements ProcessingOutcome {
        public Dead {
            Objects.requireNonNull(error, "error");
        }
    }

    /** What the watchers' answer to attempt number {@code attempt} (from 1) means. */
    static ProcessingOutcome of(ProcessorWatchers.Result result, int attempt, InboundWebhookSettings settings) {
        return switch (result) {
            case APPLIED -> new Done(InboundWebhookStatus.PROCESSED);
            case STALE -> new Done(InboundWebhookStatus.IGNORED);
            case UNKNOWN_OBJECT -> retryOrDead(settings.unknownObjects(), attempt, new InboundWebhook.Error(UNKNOWN_OBJECT,
                    "Paygate has no such object for this connector account (it may not be committed yet)."));
        };
    }

    /** Attempt number {@code attempt} threw. */
    static ProcessingOutcome failed(RuntimeException failure, int attempt, InboundWebhookSettings settings) {
        String message = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return retryOrDead(settings.failures(), attempt, new InboundWebhook.Error(PROCESSING_FAILED,
                message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message));
    }

    private static ProcessingOutcome retryOrDead(Backoff backoff, int attempt, InboundWebhook.Error error) {
        OptionalLong delay = backoff.delayAfterMs(attempt);
        return delay.isPresent() ? new Retry(delay.getAsLong(), error) : new Dead(error);
    }
}

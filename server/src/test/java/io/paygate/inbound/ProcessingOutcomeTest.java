package io.paygate.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.ProcessorWatchers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessingOutcomeTest {

    private static final InboundWebhookSettings SETTINGS = new InboundWebhookSettings(4, 2, Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofMinutes(2));

    @Test
    void appliedIsProcessedAndStaleIsIgnored() {
        assertThat(ProcessingOutcome.of(ProcessorWatchers.Result.APPLIED, 1, SETTINGS))
                .isEqualTo(new ProcessingOutcome.Done(InboundWebhookStatus.PROCESSED));
        assertThat(ProcessingOutcome.of(ProcessorWatchers.Result.STALE, 3, SETTINGS))
                .isEqualTo(new ProcessingOutcome.Done(InboundWebhookStatus.IGNORED));
    }

    @Test
    void anUnknownObjectIsTriedAgainThenDead() {
        assertThat(ProcessingOutcome.of(ProcessorWatchers.Result.UNKNOWN_OBJECT, 1, SETTINGS))
                .isInstanceOfSatisfying(ProcessingOutcome.Retry.class, retry -> {
                    assertThat(retry.delayMs()).isEqualTo(1000);
                    assertThat(retry.error().code()).isEqualTo("unknown_object");
                });
        assertThat(ProcessingOutcome.of(ProcessorWatchers.Result.UNKNOWN_OBJECT, 2, SETTINGS))
                .isInstanceOfSatisfying(ProcessingOutcome.Dead.class,
                        dead -> assertThat(dead.error().code()).isEqualTo("unknown_object"));
    }

    @Test
    void aFailureIsTriedAgainWithGrowingWaitsThenDeadWithItsMessage() {
        IllegalStateException failure = new IllegalStateException("connector account ca_1 is missing");

        assertThat(ProcessingOutcome.failed(failure, 1, SETTINGS)).isEqualTo(new ProcessingOutcome.Retry(1000,
                new InboundWebhook.Error("processing_failed", "IllegalStateException: connector account ca_1 is missing")));
        assertThat(ProcessingOutcome.failed(failure, 2, SETTINGS))
                .isInstanceOfSatisfying(ProcessingOutcome.Retry.class, retry -> assertThat(retry.delayMs()).isEqualTo(2000));
        assertThat(ProcessingOutcome.failed(failure, 3, SETTINGS))
                .isInstanceOfSatisfying(ProcessingOutcome.Retry.class, retry -> assertThat(retry.delayMs()).isEqualTo(3000));
        assertThat(ProcessingOutcome.failed(failure, 4, SETTINGS)).isInstanceOf(ProcessingOutcome.Dead.class);
        assertThat(ProcessingOutcome.failed(new RuntimeException("x".repeat(5000)), 4, SETTINGS))
                .isInstanceOfSatisfying(ProcessingOutcome.Dead.class,
                        dead -> assertThat(dead.error().message()).hasSize(1000));
    }
}

package io.paygate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PaymentIntentStatusTest {

    @Test
    void terminalStatusesGoNowhere() {
        for (PaymentIntentStatus to : PaymentIntentStatus.values()) {
            assertThat(PaymentIntentStatus.SUCCEEDED.canMoveTo(to)).isFalse();
            assertThat(PaymentIntentStatus.CANCELED.canMoveTo(to)).isFalse();
        }
        assertThat(EnumSet.allOf(PaymentIntentStatus.class).stream().filter(PaymentIntentStatus::isTerminal))
                .containsExactlyInAnyOrder(PaymentIntentStatus.SUCCEEDED, PaymentIntentStatus.CANCELED);
    }

    @Test
    void everyNonTerminalStatusCanBeCanceled() {
        for (PaymentIntentStatus from : PaymentIntentStatus.values()) {
            assertThat(from.canMoveTo(PaymentIntentStatus.CANCELED)).isEqualTo(!from.isTerminal());
        }
    }

    @Test
    void confirmationGoesThroughProcessing() {
        assertThat(PaymentIntentStatus.REQUIRES_CONFIRMATION.canMoveTo(PaymentIntentStatus.PROCESSING)).isTrue();
        assertThat(PaymentIntentStatus.REQUIRES_CONFIRMATION.canMoveTo(PaymentIntentStatus.SUCCEEDED)).isFalse();
        assertThat(PaymentIntentStatus.PROCESSING.canMoveTo(PaymentIntentStatus.SUCCEEDED)).isTrue();
        assertThat(PaymentIntentStatus.PROCESSING.canMoveTo(PaymentIntentStatus.REQUIRES_ACTION)).isTrue();
        assertThat(PaymentIntentStatus.REQUIRES_ACTION.canMoveTo(PaymentIntentStatus.REQUIRES_CAPTURE)).isTrue();
        assertThat(PaymentIntentStatus.REQUIRES_CAPTURE.canMoveTo(PaymentIntentStatus.REQUIRES_PAYMENT_METHOD)).isFalse();
        assertThat(PaymentIntentStatus.SUCCEEDED.canMoveTo(PaymentIntentStatus.REQUIRES_PAYMENT_METHOD)).isFalse();
    }

    @Test
    void onlyUnconfirmedIntentsCanBeConfirmed() {
        assertThat(EnumSet.allOf(PaymentIntentStatus.class).stream().filter(PaymentIntentStatus::isConfirmable))
                .containsExactlyInAnyOrder(PaymentIntentStatus.REQUIRES_PAYMENT_METHOD, PaymentIntentStatus.REQUIRES_CONFIRMATION);
    }

    @Test
    void processorStatesSplitIntoResolvedAndNot() {
        assertThat(EnumSet.allOf(ProcessorState.class).stream().filter(ProcessorState::isUnresolved))
                .containsExactlyInAnyOrder(ProcessorState.SENT, ProcessorState.UNKNOWN, ProcessorState.PENDING,
                        ProcessorState.ACTION_REQUIRED);
        assertThat(EnumSet.allOf(ProcessorState.class).stream().filter(ProcessorState::holdsFunds))
                .containsExactlyInAnyOrder(ProcessorState.AUTHORIZED, ProcessorState.CAPTURED);
    }
}

package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimRefundTest {

    private static final long NOW = 1_750_000_000_000L;

    private static SimPayment capturedWith(String number) {
        SimInstrument card = new SimInstrument.Card(number, 12, 2030);
        NewPayment request = new NewPayment("ca_1", "pay_1", 1999, "usd", true, "pi_1", null, card, Simulation.NONE);
        return SimPayment.received("simpay_1", request, new Plan.Approve(), OutcomeTable.aftermath(card), NOW, NOW)
                .afterReceipt(NOW, 0);
    }

    private static SimRefund refundOf(String number) {
        NewRefund request = new NewRefund("ca_1", "re_1", "pay_1", 500, null, "duplicate", Simulation.NONE);
        return SimRefund.accepted("simre_1", request, capturedWith(number), NOW, 3000);
    }

    @Test
    void anOrdinaryRefundSucceedsAtOnceWithNothingPlanned() {
        SimRefund refund = refundOf("4242424242424242");

        assertThat(refund.status()).isEqualTo(SimRefundStatus.SUCCEEDED);
        assertThat(refund.plannedStatus()).isNull();
        assertThat(refund.resolveAtMs()).isNull();
        assertThat(refund.paymentId()).isEqualTo("simpay_1");
        assertThat(refund.paymentKey()).isEqualTo("pay_1");
        assertThat(refund.currency()).isEqualTo("usd");
        assertThat(refund.reason()).isEqualTo("duplicate");
        assertThatThrownBy(() -> refund.resolved(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFailingCardSucceedsFirstThenFails() {
        SimRefund refund = refundOf("4000000000005126");

        assertThat(refund.status()).isEqualTo(SimRefundStatus.SUCCEEDED);
        assertThat(refund.resolveAtMs()).isEqualTo(NOW + 3000);
        SimRefund failed = refund.resolved(NOW + 3000);
        assertThat(failed.status()).isEqualTo(SimRefundStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(SimRefund.Failure.REFUND_FAILED);
        assertThat(failed.plannedStatus()).isNull();
        assertThat(failed.resolveAtMs()).isNull();
        assertThat(failed.status().holdsMoney()).isFalse();
    }

    @Test
    void thePendingCardWaitsThenSucceedsUnlessCanceled() {
        SimRefund refund = refundOf("4000000000007726");

        assertThat(refund.status()).isEqualTo(SimRefundStatus.PENDING);
        assertThat(refund.status().holdsMoney()).isTrue();
        assertThat(refund.resolved(NOW + 3000).status()).isEqualTo(SimRefundStatus.SUCCEEDED);
        assertThat(refund.resolved(NOW + 3000).failure()).isNull();
        SimRefund canceled = refund.canceled(NOW + 1);
        assertThat(canceled.status()).isEqualTo(SimRefundStatus.CANCELED);
        assertThat(canceled.resolveAtMs()).isNull();
        assertThat(canceled.updatedMs()).isEqualTo(NOW + 1);
    }

    @Test
    void disputeCardsRefundLikeAnyCard() {
        assertThat(refundOf("4000000000000259").status()).isEqualTo(SimRefundStatus.SUCCEEDED);
        assertThat(refundOf("4000000000001976").plannedStatus()).isNull();
    }
}

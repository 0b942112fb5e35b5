package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimPaymentTest {

    private static final long NOW = 1_750_000_000_000L;

    private static SimPayment received(SimInstrument instrument, Plan plan, boolean capture) {
        NewPayment request = new NewPayment("ca_1", "key_1", 1999, "usd", capture, "pi_1", "http://shop/return",
                instrument, Simulation.NONE);
        return SimPayment.received("simpay_1", request, plan, OutcomeTable.aftermath(instrument), NOW, NOW + 200);
    }

    @Test
    void receivedKeepsThePlanButNoMoney() {
        SimPayment p = received(new SimInstrument.Card("4242424242424242", 12, 2030), new Plan.Approve(), true);

        assertThat(p.status()).isEqualTo(SimStatus.RECEIVED);
        assertThat(p.plannedStatus()).isEqualTo(SimStatus.CAPTURED);
        assertThat(p.amountAuthorized()).isZero();
        assertThat(p.resolveAtMs()).isEqualTo(NOW + 200);
        assertThat(p.instrumentLabel()).isEqualTo("visa •••• 4242");
    }

    @Test
    void approvalCapturesOnlyWhenAsked() {
        SimInstrument card = new SimInstrument.Card("4242424242424242", 12, 2030);
        SimPayment captured = received(card, new Plan.Approve(), true).afterReceipt(NOW + 200, 0);
        SimPayment authorized = received(card, new Plan.Approve(), false).afterReceipt(NOW + 200, 0);

        assertThat(captured.status()).isEqualTo(SimStatus.CAPTURED);
        assertThat(captured.amountCaptured()).isEqualTo(1999);
        assertThat(authorized.status()).isEqualTo(SimStatus.AUTHORIZED);
        assertThat(authorized.amountAuthorized()).isEqualTo(1999);
        assertThat(authorized.amountCaptured()).isZero();
        assertThat(authorized.resolveAtMs()).isNull();
    }

    @Test
    void partialCaptureKeepsTheAuthorizedAmount() {
        SimPayment authorized = received(new SimInstrument.Card("4242424242424242", 12, 2030), new Plan.Approve(), false)
                .afterReceipt(NOW, 0);

        SimPayment captured = authorized.captured(500, NOW + 1);

        assertThat(captured.amountAuthorized()).isEqualTo(1999);
        assertThat(captured.amountCaptured()).isEqualTo(500);
    }

    @Test
    void pendingWaitsForTheAsynchronousAnswer() {
        SimPayment pending = received(new SimInstrument.Upi("failure@upi"), new Plan.Async(false, Decline.UPI_DECLINED), true)
                .afterReceipt(NOW, 3000);

        assertThat(pending.status()).isEqualTo(SimStatus.PENDING);
        assertThat(pending.resolveAtMs()).isEqualTo(NOW + 3000);
        SimPayment resolved = pending.afterAction(SimPayment.Choice.PROCEED, NOW + 3000);
        assertThat(resolved.status()).isEqualTo(SimStatus.DECLINED);
        assertThat(resolved.decline()).isEqualTo(Decline.UPI_DECLINED);
        assertThat(resolved.resolveAtMs()).isNull();
    }

    @Test
    void threeDSecureFailureDeclinesWithTheCardsReason() {
        Plan plan = new Plan.Challenge(ActionKind.THREE_DS, true, Decline.AUTHENTICATION_FAILED);
        SimPayment waiting = received(new SimInstrument.Card("4000000000003220", 12, 2030), plan, true)
                .afterReceipt(NOW, 0);

        assertThat(waiting.status()).isEqualTo(SimStatus.REQUIRES_ACTION);
        assertThat(waiting.afterAction(SimPayment.Choice.PROCEED, NOW).status()).isEqualTo(SimStatus.CAPTURED);
        assertThat(waiting.afterAction(SimPayment.Choice.ABANDON, NOW).decline()).isEqualTo(Decline.AUTHENTICATION_FAILED);
    }

    @Test
    void bankCancelIsTheCustomersChoice() {
        Plan plan = new Plan.Challenge(ActionKind.BANK, false, Decline.BANK_DECLINED);
        SimPayment waiting = received(new SimInstrument.NetBanking("hdfc_failure"), plan, true).afterReceipt(NOW, 0);

        assertThat(waiting.bank()).isEqualTo("hdfc_failure");
        assertThat(waiting.afterAction(SimPayment.Choice.PROCEED, NOW).decline()).isEqualTo(Decline.BANK_DECLINED);
        assertThat(waiting.afterAction(SimPayment.Choice.ABANDON, NOW).decline()).isEqualTo(Decline.BANK_CANCELED);
    }

    @Test
    void tombstoneHoldsNoMoney() {
        SimPayment tombstone = SimPayment.tombstone("simpay_2", "ca_1", "key_2", NOW);

        assertThat(tombstone.status()).isEqualTo(SimStatus.VOIDED);
        assertThat(tombstone.amount()).isZero();
        assertThat(tombstone.isTombstone()).isTrue();
    }
}

package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimDisputeTest {

    private static final long NOW = 1_750_000_000_000L;
    private static final long WEEK = 7 * 24 * 3600;

    private static SimPayment captured(String number, long captureMs) {
        SimInstrument card = new SimInstrument.Card(number, 12, 2030);
        Simulation simulation = new Simulation(0, 0, 0, 0, 0, 0, 0, null, 3000, 2000, 500);
        NewPayment request = new NewPayment("ca_1", "pay_1", 1999, "usd", false, "pi_1", null, card, simulation);
        return SimPayment.received("simpay_1", request, new Plan.Approve(), OutcomeTable.aftermath(card), NOW, NOW)
                .afterReceipt(NOW, 0).captured(1500, captureMs);
    }

    private static SimDispute chargeback() {
        return SimDispute.opened("simdp_1", captured("4000000000000259", NOW), NOW + 2000);
    }

    private static SimDispute inquiry() {
        return SimDispute.opened("simdp_2", captured("4000000000001976", NOW), NOW + 2000);
    }

    @Test
    void capturingADisputingCardSchedulesItsDispute() {
        assertThat(captured("4000000000000259", NOW + 10).disputeAtMs()).isEqualTo(NOW + 10 + 2000);
        assertThat(captured("4000000000001976", NOW + 10).disputeAtMs()).isEqualTo(NOW + 10 + 2000);
        assertThat(captured("4242424242424242", NOW + 10).disputeAtMs()).isNull();
    }

    @Test
    void aChargebackOpensForTheCapturedAmountDueInAWeek() {
        SimDispute d = chargeback();

        assertThat(d.status()).isEqualTo(SimDisputeStatus.NEEDS_RESPONSE);
        assertThat(d.reason()).isEqualTo("fraudulent");
        assertThat(d.amount()).isEqualTo(1500);
        assertThat(d.currency()).isEqualTo("usd");
        assertThat(d.paymentKey()).isEqualTo("pay_1");
        assertThat(d.evidence()).isEmpty();
        assertThat(d.evidenceDueBy()).isEqualTo((NOW + 2000) / 1000 + WEEK);
        assertThat(d.submissionCount()).isZero();
        assertThat(d.decisionMs()).isEqualTo(500);
        assertThat(d.decideAtMs()).isNull();
    }

    @Test
    void anInquiryOpensAsAWarning() {
        SimDispute d = inquiry();

        assertThat(d.status()).isEqualTo(SimDisputeStatus.WARNING_NEEDS_RESPONSE);
        assertThat(d.reason()).isEqualTo("general");
    }

    @Test
    void evidenceMergesAndAnEmptyValueRemovesAField() {
        SimDispute d = chargeback().withEvidence(Map.of("customer_name", "Jenny", "product_description", "Mug"), false,
                NOW + 1);
        SimDispute merged = d.withEvidence(Map.of("customer_name", "Jenny Rosen", "product_description", ""), false,
                NOW + 2);

        assertThat(merged.evidence()).containsExactly(Map.entry("customer_name", "Jenny Rosen"));
        assertThat(merged.status()).isEqualTo(SimDisputeStatus.NEEDS_RESPONSE);
        assertThat(merged.version()).isEqualTo(2);
        assertThat(merged.decideAtMs()).isNull();
    }

    @Test
    void submittingPutsItUnderReviewUntilTheDecision() {
        SimDispute submitted = chargeback().withEvidence(Map.of("uncategorized_text", "x"), true, NOW + 10);
        SimDispute warning = inquiry().withEvidence(Map.of(), true, NOW + 10);

        assertThat(submitted.status()).isEqualTo(SimDisputeStatus.UNDER_REVIEW);
        assertThat(submitted.submissionCount()).isEqualTo(1);
        assertThat(submitted.decideAtMs()).isEqualTo(NOW + 10 + 500);
        assertThat(warning.status()).isEqualTo(SimDisputeStatus.WARNING_UNDER_REVIEW);
        assertThatThrownBy(() -> submitted.withEvidence(Map.of(), false, NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChargebackIsWonOrLostOnItsEvidence() {
        SimDispute won = chargeback().withEvidence(Map.of("uncategorized_text", "See WINNING_EVIDENCE"), true, NOW)
                .decided(NOW + 500);
        SimDispute lost = chargeback().withEvidence(Map.of("receipt", "losing_evidence"), true, NOW).decided(NOW + 500);
        SimDispute both = chargeback().withEvidence(Map.of("a", "losing_evidence", "b", "winning_evidence"), true, NOW)
                .decided(NOW + 500);

        assertThat(won.status()).isEqualTo(SimDisputeStatus.WON);
        assertThat(won.decideAtMs()).isNull();
        assertThat(lost.status()).isEqualTo(SimDisputeStatus.LOST);
        assertThat(both.status()).isEqualTo(SimDisputeStatus.WON);
    }

    @Test
    void undecidedEvidenceStaysUnderReviewWithNothingDue() {
        SimDispute d = chargeback().withEvidence(Map.of("uncategorized_text", "a receipt"), true, NOW).decided(NOW + 500);

        assertThat(d.status()).isEqualTo(SimDisputeStatus.UNDER_REVIEW);
        assertThat(d.decideAtMs()).isNull();
        assertThat(d.verdict()).isEqualTo(SimDispute.Verdict.UNDECIDED);
    }

    @Test
    void anInquiryClosesWhenWonAndEscalatesWhenLost() {
        SimDispute closed = inquiry().withEvidence(Map.of("x", "winning_evidence"), true, NOW).decided(NOW + 500);
        SimDispute escalated = inquiry().withEvidence(Map.of("x", "losing_evidence"), true, NOW)
                .decided(NOW + 86_400_000);

        assertThat(closed.status()).isEqualTo(SimDisputeStatus.WARNING_CLOSED);
        assertThat(escalated.status()).isEqualTo(SimDisputeStatus.NEEDS_RESPONSE);
        assertThat(escalated.evidenceDueBy()).isEqualTo((NOW + 86_400_000) / 1000 + WEEK);
        assertThat(escalated.submissionCount()).isEqualTo(1);
        assertThat(escalated.decideAtMs()).isNull();
    }

    @Test
    void acceptingLosesAChargebackAndClosesAnInquiry() {
        assertThat(chargeback().accepted(NOW).status()).isEqualTo(SimDisputeStatus.LOST);
        assertThat(chargeback().withEvidence(Map.of(), true, NOW).accepted(NOW).status()).isEqualTo(SimDisputeStatus.LOST);
        SimDispute underReview = inquiry().withEvidence(Map.of(), true, NOW);
        assertThat(underReview.accepted(NOW).status()).isEqualTo(SimDisputeStatus.WARNING_CLOSED);
        assertThat(underReview.accepted(NOW).decideAtMs()).isNull();
        assertThatThrownBy(() -> chargeback().accepted(NOW).accepted(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyStatusHasOneStage() {
        assertThat(SimDisputeStatus.WARNING_NEEDS_RESPONSE.stage()).isEqualTo(SimDisputeStatus.Stage.NEEDS_RESPONSE);
        assertThat(SimDisputeStatus.UNDER_REVIEW.stage()).isEqualTo(SimDisputeStatus.Stage.UNDER_REVIEW);
        assertThat(SimDisputeStatus.WARNING_CLOSED.stage()).isEqualTo(SimDisputeStatus.Stage.CLOSED);
        assertThat(SimDisputeStatus.fromWire("warning_under_review")).isEqualTo(SimDisputeStatus.WARNING_UNDER_REVIEW);
    }
}

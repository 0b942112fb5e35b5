package io.paygate.simulator;

import static io.paygate.simulator.SimulatorHttp.DISPUTES;
import static io.paygate.simulator.SimulatorHttp.PAYMENTS;
import static io.paygate.simulator.SimulatorHttp.payment;
import static io.paygate.simulator.SimulatorPaymentsIT.cardInstrument;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.spi.ProcessorWebhook;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SimulatorDisputesIT extends SimulatorServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long WEEK_SECONDS = Duration.ofDays(7).toSeconds();
    /** Open at once, decide at once: the resolver's next pass does either. */
    private static final Map<String, String> QUICK = Map.of("dispute_delay_ms", "0", "dispute_decision_ms", "0");

    @Autowired
    Clock clock;
    @Autowired
    SimulatorResolver resolver;

    private String pay(String number, boolean capture, Map<String, String> simulation) {
        String key = key();
        SimulatorHttp.Response r = sim.post(PAYMENTS, key, payment(cardInstrument(number), capture, reference(),
                simulation));
        assertThat(r.status()).isEqualTo(200);
        return key;
    }

    /** A captured payment with the chargeback card and its open dispute. */
    private SimulatorHttp.Response chargeback(Map<String, String> simulation) {
        return awaitDispute(pay("4000000000000259", true, simulation), WAIT);
    }

    private SimulatorHttp.Response inquiry(Map<String, String> simulation) {
        return awaitDispute(pay("4000000000001976", true, simulation), WAIT);
    }

    @Test
    void theFraudCardIsDisputedAfterCapture() {
        long before = clock.millis() / 1000;
        String paymentKey = pay("4000000000000259", true, Map.of("dispute_delay_ms", "300"));

        SimulatorHttp.Response d = awaitDispute(paymentKey, WAIT);

        assertThat(d.status()).isEqualTo(200);
        assertThat(d.text("id")).startsWith("simdp_");
        assertThat(d.text("object")).isEqualTo("simulator.dispute");
        assertThat(d.text("payment")).isEqualTo(sim.payment(paymentKey).text("id"));
        assertThat(d.text("payment_key")).isEqualTo(paymentKey);
        assertThat(d.number("amount")).isEqualTo(1999);
        assertThat(d.text("currency")).isEqualTo("usd");
        assertThat(d.text("status")).isEqualTo("needs_response");
        assertThat(d.text("reason")).isEqualTo("fraudulent");
        assertThat(d.json().get("evidence").isEmpty()).isTrue();
        assertThat(d.number("evidence_due_by")).isBetween(before + WEEK_SECONDS, clock.millis() / 1000 + WEEK_SECONDS);
        assertThat(d.number("submission_count")).isZero();
        assertThat(d.number("created")).isGreaterThanOrEqualTo(before);
        assertThat(awaitWebhook(ProcessorWebhook.Kind.DISPUTE, d.text("id")).webhook().type()).isEqualTo("dispute.created");
    }

    @Test
    void theInquiryCardOpensAnInquiry() {
        SimulatorHttp.Response d = inquiry(QUICK);

        assertThat(d.text("status")).isEqualTo("warning_needs_response");
        assertThat(d.text("reason")).isEqualTo("general");
        assertThat(d.number("amount")).isEqualTo(1999);
        assertThat(awaitWebhook(ProcessorWebhook.Kind.DISPUTE, d.text("id")).webhook().type()).isEqualTo("dispute.created");
    }

    @Test
    void aDisputeOpensOnlyOnceThePaymentIsCapturedForTheCapturedAmount() {
        String paymentKey = pay("4000000000000259", false, QUICK);
        resolver.resolveNow();
        assertThat(sim.disputesOf(paymentKey).data()).isEmpty();

        sim.post(PAYMENTS + "/" + paymentKey + "/capture", key(), Map.of("amount", 1500));
        SimulatorHttp.Response d = awaitDispute(paymentKey, WAIT);

        assertThat(d.number("amount")).isEqualTo(1500);
        resolver.resolveNow();
        assertThat(sim.disputesOf(paymentKey).data()).hasSize(1);
    }

    @Test
    void ordinaryCardsAreNeverDisputed() {
        String paymentKey = pay("4242424242424242", true, QUICK);
        resolver.resolveNow();

        assertThat(sim.disputesOf(paymentKey).data()).isEmpty();
        assertThat(sim.get(DISPUTES).data()).isEmpty();
    }

    @Test
    void evidenceIsMergedThenWinningEvidenceWins() {
        SimulatorHttp.Response d = chargeback(Map.of("dispute_delay_ms", "0", "dispute_decision_ms", "1000"));
        String id = d.text("id");

        SimulatorHttp.Response saved = sim.evidence(id, key(), Map.of("customer_name", "Jenny Rosen"), false);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.text("status")).isEqualTo("needs_response");
        assertThat(saved.number("submission_count")).isZero();

        SimulatorHttp.Response submitted = sim.evidence(id, key(),
                Map.of("uncategorized_text", "Signed receipt: winning_evidence"), true);
        assertThat(submitted.text("status")).isEqualTo("under_review");
        assertThat(submitted.number("submission_count")).isEqualTo(1);
        assertThat(submitted.json().get("evidence").get("customer_name").asString()).isEqualTo("Jenny Rosen");
        assertThat(submitted.json().get("evidence").get("uncategorized_text").asString()).contains("winning_evidence");

        awaitDisputeStatus(id, "won", WAIT);
        // The opening and the decision; the merchant's own changes are not notified.
        assertThat(awaitWebhooks(ProcessorWebhook.Kind.DISPUTE, id, 2)).extracting(w -> w.webhook().type())
                .containsExactly("dispute.created", "dispute.updated");
        assertThat(eventsAbout(ProcessorWebhook.Kind.DISPUTE, id)).hasSize(2);
    }

    @Test
    void losingEvidenceLoses() {
        String id = chargeback(QUICK).text("id");

        sim.evidence(id, key(), Map.of("uncategorized_text", "losing_evidence"), true);

        awaitDisputeStatus(id, "lost", WAIT);
        assertThat(awaitWebhooks(ProcessorWebhook.Kind.DISPUTE, id, 2)).extracting(w -> w.webhook().type())
                .containsExactly("dispute.created", "dispute.updated");
        assertThat(eventsAbout(ProcessorWebhook.Kind.DISPUTE, id)).hasSize(2);
    }

    @Test
    void anInquiryWonIsClosed() {
        String id = inquiry(QUICK).text("id");

        SimulatorHttp.Response submitted = sim.evidence(id, key(), Map.of("uncategorized_text", "winning_evidence"), true);

        assertThat(submitted.text("status")).isIn("warning_under_review", "warning_closed");
        awaitDisputeStatus(id, "warning_closed", WAIT);
    }

    @Test
    void anInquiryLostEscalatesToAChargeback() {
        SimulatorHttp.Response opened = inquiry(Map.of("dispute_delay_ms", "0", "dispute_decision_ms", "200"));
        String id = opened.text("id");

        sim.evidence(id, key(), Map.of("uncategorized_text", "losing_evidence"), true);
        SimulatorHttp.Response escalated = awaitDisputeStatus(id, "needs_response", WAIT);

        assertThat(escalated.number("submission_count")).isEqualTo(1);
        assertThat(escalated.number("evidence_due_by")).isGreaterThanOrEqualTo(opened.number("evidence_due_by"));
        assertThat(awaitWebhooks(ProcessorWebhook.Kind.DISPUTE, id, 2)).extracting(w -> w.webhook().type())
                .containsExactly("dispute.created", "dispute.updated");
        assertThat(eventsAbout(ProcessorWebhook.Kind.DISPUTE, id)).hasSize(2);

        // Now a real chargeback: it can be answered again, and won.
        sim.evidence(id, key(), Map.of("uncategorized_text", "winning_evidence"), true);
        SimulatorHttp.Response won = awaitDisputeStatus(id, "won", WAIT);
        assertThat(won.number("submission_count")).isEqualTo(2);
    }

    @Test
    void evidenceWithoutAVerdictStaysUnderReviewUntilAccepted() {
        String id = chargeback(QUICK).text("id");

        sim.evidence(id, key(), Map.of("uncategorized_text", "Here is the receipt."), true);
        resolver.resolveNow();

        assertThat(sim.dispute(id).text("status")).isEqualTo("under_review");
        SimulatorHttp.Response lost = sim.closeDispute(id, key());
        assertThat(lost.status()).isEqualTo(200);
        assertThat(lost.text("status")).isEqualTo("lost");
        // Only the opening was notified: neither the submission nor the acceptance.
        awaitWebhook(ProcessorWebhook.Kind.DISPUTE, id);
        assertThat(eventsAbout(ProcessorWebhook.Kind.DISPUTE, id)).hasSize(1);
    }

    @Test
    void acceptingClosesChargebacksAndInquiries() {
        String chargeback = chargeback(QUICK).text("id");
        String inquiry = inquiry(QUICK).text("id");
        String operation = key();

        SimulatorHttp.Response lost = sim.closeDispute(chargeback, operation);
        SimulatorHttp.Response repeat = sim.closeDispute(chargeback, operation);
        SimulatorHttp.Response closed = sim.closeDispute(inquiry, key());

        assertThat(lost.text("status")).isEqualTo("lost");
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.text("status")).isEqualTo("lost");
        assertThat(closed.text("status")).isEqualTo("warning_closed");
        SimulatorHttp.Response again = sim.closeDispute(chargeback, key());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("dispute_closed");
        assertThat(sim.closeDispute(inquiry, key()).errorCode()).isEqualTo("dispute_closed");
        assertThat(sim.closeDispute(inquiry, operation).errorCode()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void evidenceIsRefusedUnderReviewAndOnceClosed() {
        String id = chargeback(Map.of("dispute_delay_ms", "0", "dispute_decision_ms", "600000")).text("id");
        String submit = key();
        sim.evidence(id, submit, Map.of("uncategorized_text", "Receipt"), true);

        SimulatorHttp.Response repeat = sim.evidence(id, submit, Map.of("uncategorized_text", "Receipt"), true);
        SimulatorHttp.Response underReview = sim.evidence(id, key(), Map.of("product_description", "A mug"), false);

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.number("submission_count")).isEqualTo(1);
        assertThat(underReview.status()).isEqualTo(400);
        assertThat(underReview.errorCode()).isEqualTo("dispute_under_review");

        sim.closeDispute(id, key());
        SimulatorHttp.Response closed = sim.evidence(id, key(), Map.of("uncategorized_text", "winning_evidence"), true);
        assertThat(closed.status()).isEqualTo(400);
        assertThat(closed.errorCode()).isEqualTo("dispute_closed");
        assertThat(sim.dispute(id).text("status")).isEqualTo("lost");
    }

    @Test
    void unknownDisputesAndBadEvidenceAreRefused() {
        String id = chargeback(QUICK).text("id");

        SimulatorHttp.Response unknown = sim.dispute("simdp_nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("resource_missing");
        assertThat(sim.closeDispute("simdp_nope", key()).status()).isEqualTo(404);
        SimulatorHttp other = new SimulatorHttp(port, "ca_someone_else");
        assertThat(other.dispute(id).status()).isEqualTo(404);
        assertThat(other.get(DISPUTES).data()).isEmpty();

        assertThat(sim.post(DISPUTES + "/" + id, key(), Map.of("evidence", Map.of("uncategorized_text", 5)))
                .errorCode()).isEqualTo("invalid_request");
        assertThat(sim.post(DISPUTES + "/" + id, key(), Map.of("evidence", Map.of("Bad Name", "x"))).errorCode())
                .isEqualTo("invalid_request");
        assertThat(sim.post(DISPUTES + "/" + id, null, Map.of("evidence", Map.of())).errorCode())
                .isEqualTo("missing_idempotency_key");
        assertThat(sim.dispute(id).text("status")).isEqualTo("needs_response");
        assertThat(other.webhookDeliveries().data()).isEmpty();
    }
}

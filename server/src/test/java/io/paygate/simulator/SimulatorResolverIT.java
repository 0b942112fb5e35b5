package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Work left by a process that died is finished by the resolver: payments it accepted, refunds and
 * disputes that fell due, evidence waiting for a decision.
 */
class SimulatorResolverIT extends SimulatorServerTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Ids ids;
    @Autowired
    Clock clock;
    @Autowired
    SimulatorResolver resolver;
    @Autowired
    SimulatorDisputes disputes;
    @Autowired
    SimPaymentRepository payments;

    /** A {@code received} row as a crashed request leaves it: planned, due at {@code resolveAtMs}, never settled. */
    private String abandoned(String key, String instrumentType, String planned, String actionKind, long resolveAtMs) {
        String id = ids.next("simpay");
        jdbc.sql("""
                        insert into sim_payments (id, account_id, idem_key, reference, amount, currency, capture,
                            instrument_type, instrument_label, status, planned_status, action_kind, action_succeeds,
                            resolve_at_ms, created_ms, updated_ms)
                        values (?, ?, ?, ?, 1999, 'usd', true, ?, 'label', 'received', ?, ?, true, ?, ?, ?)""")
                .params(id, sim.account, key, reference(), instrumentType, planned, actionKind, resolveAtMs,
                        resolveAtMs, resolveAtMs)
                .update();
        return id;
    }

    @Test
    void finishesACardPaymentAbandonedByACrash() {
        String key = key();
        abandoned(key, "card", "captured", null, clock.millis() - 60_000);

        SimulatorHttp.Response captured = awaitStatus(key, "captured", Duration.ofSeconds(10));

        assertThat(captured.number("amount_captured")).isEqualTo(1999);
        awaitWebhook(ProcessorWebhook.Kind.AUTHORIZATION, key);
    }

    @Test
    void finishesAnAbandonedUpiPaymentThroughPending() {
        String key = key();
        abandoned(key, "upi", "pending", "async", clock.millis() - 60_000);

        awaitStatus(key, "captured", Duration.ofSeconds(10));
    }

    @Test
    void aRequestToTheSimulatorWakesTheResolver() {
        String key = key();
        abandoned(key, "card", "captured", null, clock.millis());
        long before = resolver.wakes();
        // Any answered request to the simulator may have left work with a due time. The wake comes once
        // the request is done, which may be just after its answer reached the client.
        assertThat(sim.payment(key).text("id")).isNotBlank();
        await().atMost(Duration.ofSeconds(5)).until(() -> resolver.wakes() > before);
    }

    @Test
    void leavesAPaymentAloneWhileItsRequestMayStillBeWorking() {
        String key = key();
        abandoned(key, "card", "captured", null, clock.millis());

        resolver.resolveNow();

        assertThat(sim.payment(key).text("status")).isEqualTo("received");
    }

    /** A captured payment of 1999 as stored, with its after-capture behaviour and due times. */
    private String capturedRow(String key, String refundBehaviour, String disputeBehaviour, long amountRefunded,
                               Long disputeAtMs) {
        String id = ids.next("simpay");
        long now = clock.millis();
        jdbc.sql("""
                        insert into sim_payments (id, account_id, idem_key, reference, amount, currency, capture,
                            instrument_type, instrument_label, status, planned_status, amount_authorized, amount_captured,
                            action_succeeds, created_ms, updated_ms, amount_refunded, refund_behaviour, dispute_behaviour,
                            dispute_delay_ms, dispute_decision_ms, dispute_at_ms)
                        values (?, ?, ?, ?, 1999, 'usd', true, 'card', 'visa •••• 0259', 'captured', 'captured', 1999,
                            1999, true, ?, ?, ?, ?, ?, 0, 0, ?)""")
                .params(id, sim.account, key, reference(), now, now, amountRefunded, refundBehaviour, disputeBehaviour,
                        disputeAtMs)
                .update();
        return id;
    }

    @Test
    void settlesARefundWhoseDelayPassedWhileTheProcessWasDown() {
        String paymentKey = key();
        String paymentId = capturedRow(paymentKey, "fails_later", "none", 1999, null);
        String refundKey = key();
        long past = clock.millis() - 60_000;
        jdbc.sql("""
                        insert into sim_refunds (id, account_id, idem_key, payment_id, payment_key, amount, currency,
                            status, planned_status, resolve_at_ms, created_ms, updated_ms)
                        values (?, ?, ?, ?, ?, 1999, 'usd', 'succeeded', 'failed', ?, ?, ?)""")
                .params(ids.next("simre"), sim.account, refundKey, paymentId, paymentKey, past, past, past)
                .update();

        SimulatorHttp.Response failed = awaitRefund(refundKey, "failed", Duration.ofSeconds(10));

        assertThat(failed.json().path("failure").path("code").asString()).isEqualTo("refund_failed");
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isZero();
        awaitWebhook(ProcessorWebhook.Kind.REFUND, refundKey);
    }

    @Test
    void opensADisputeThatFellDueWhileTheProcessWasDown() {
        String paymentKey = key();
        capturedRow(paymentKey, "succeeds", "chargeback", 0, clock.millis() - 60_000);

        SimulatorHttp.Response dispute = awaitDispute(paymentKey, Duration.ofSeconds(10));

        assertThat(dispute.text("status")).isEqualTo("needs_response");
        assertThat(awaitWebhook(ProcessorWebhook.Kind.DISPUTE, dispute.text("id")).webhook().type()).isEqualTo("dispute.created");
    }

    @Test
    void decidesEvidenceSubmittedBeforeACrash() {
        String paymentKey = key();
        String paymentId = capturedRow(paymentKey, "succeeds", "chargeback", 0, null);
        String disputeId = ids.next("simdp");
        long past = clock.millis() - 60_000;
        jdbc.sql("""
                        insert into sim_disputes (id, account_id, payment_id, payment_key, amount, currency, status,
                            reason, evidence, evidence_due_by, submission_count, decision_ms, decide_at_ms, version,
                            created_ms, updated_ms)
                        values (?, ?, ?, ?, 1999, 'usd', 'under_review', 'fraudulent',
                            '{"uncategorized_text":"winning_evidence"}', ?, 1, 0, ?, 3, ?, ?)""")
                .params(disputeId, sim.account, paymentId, paymentKey, past / 1000 + 604_800, past, past, past)
                .update();

        SimulatorHttp.Response won = awaitDisputeStatus(disputeId, "won", Duration.ofSeconds(10));

        assertThat(won.json().path("evidence").path("uncategorized_text").asString()).isEqualTo("winning_evidence");
        assertThat(awaitWebhook(ProcessorWebhook.Kind.DISPUTE, disputeId).webhook().type()).isEqualTo("dispute.updated");
    }

    @Test
    void twoResolversOpenOneDispute() {
        String paymentKey = key();
        String paymentId = capturedRow(paymentKey, "succeeds", "inquiry", 0, clock.millis() + 600_000);
        SimPayment payment = jdbcPayment(paymentId);

        assertThat(disputes.open(payment)).isPresent();
        assertThat(disputes.open(payment)).isEmpty();

        assertThat(sim.disputesOf(paymentKey).data()).hasSize(1);
        assertThat(jdbc.sql("select dispute_at_ms from sim_payments where id = ?").param(paymentId)
                .query(Long.class).list()).containsExactly((Long) null);
    }

    private SimPayment jdbcPayment(String id) {
        return payments.findById(id).orElseThrow();
    }
}

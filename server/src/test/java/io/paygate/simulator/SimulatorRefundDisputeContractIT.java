package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.connector.simulator.SimulatorConnector;
import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.DisputeOutcome;
import io.paygate.connector.spi.DisputeReport;
import io.paygate.connector.spi.DisputeRequest;
import io.paygate.connector.spi.Instrument;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.connector.spi.RefundLookupRequest;
import io.paygate.connector.spi.RefundOutcome;
import io.paygate.connector.spi.RefundRequest;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.connector.spi.Secret;
import io.paygate.connector.spi.WebhookVerification;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Refunds and disputes through Paygate's simulator connector, as Paygate will drive them. */
class SimulatorRefundDisputeContractIT extends SimulatorServerTest {

    private static final RequestTrace TRACE = new RequestTrace(Map.of("X-Correlation-Id", "contract-test"));
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    Clock clock;

    private SimulatorConnector connector() {
        return new SimulatorConnector(() -> URI.create("http://127.0.0.1:" + port + "/simulator"), Duration.ofSeconds(10));
    }

    private ConnectorAccount account(Map<String, String> settings) {
        return new ConnectorAccount(sim.account, SimulatorConnector.TYPE, false, settings,
                Map.of("api_key", Secret.of("sk_sim_test"), "webhook_secret", webhookSecret));
    }

    /** Authorizes 1999 usd with this card through the connector; returns the authorization key. */
    private String authorize(ConnectorAccount account, String number, boolean capture) {
        String key = key();
        ProcessorOutcome outcome = connector().authorize(new AuthorizeRequest(key, account, Money.of(1999, "usd"),
                capture, new Instrument.Card(Secret.of(number), 12, 2040, Secret.of("123"), null), reference(), null,
                TRACE));
        assertThat(outcome).isInstanceOf(ProcessorOutcome.Approved.class);
        return key;
    }

    private RefundOutcome refund(ConnectorAccount account, String refundKey, String authorizationKey, long amount) {
        return connector().refund(new RefundRequest(refundKey, account, authorizationKey, null, Money.of(amount, "usd"),
                "requested_by_customer", TRACE));
    }

    private RefundOutcome lookupRefund(ConnectorAccount account, String refundKey) {
        return connector().lookupRefund(new RefundLookupRequest(account, refundKey, TRACE));
    }

    private RefundOutcome cancelRefund(ConnectorAccount account, String refundKey) {
        return connector().cancelRefund(new RefundLookupRequest(account, refundKey, TRACE));
    }

    private static DisputeRequest lookup(ConnectorAccount account, String dispute) {
        return new DisputeRequest(null, account, dispute, Map.of(), false, TRACE);
    }

    private static DisputeRequest change(ConnectorAccount account, String dispute, Map<String, String> evidence,
                                         boolean submit) {
        return new DisputeRequest(key(), account, dispute, evidence, submit, TRACE);
    }

    /** The dispute reference Paygate learns from the simulator's webhook. */
    private String notifiedDispute() {
        return notified(ProcessorWebhook.Kind.DISPUTE, webhook -> true).objectKey();
    }

    /**
     * The first webhook of this kind the simulator delivered that {@code which} accepts, verified and read
     * by the connector exactly as Paygate's inbound endpoint does.
     */
    private ProcessorWebhook notified(ProcessorWebhook.Kind kind, Predicate<ProcessorWebhook> which) {
        ConnectorAccount account = account(Map.of());
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> RECEIVER.at(hookPath).stream()
                .filter(WebhookReceiver.Request::delivered)
                .map(request -> connector().verifyWebhook(account, request.headers(), request.body(),
                        request.receivedAtMs() / 1000))
                .map(verification -> {
                    assertThat(verification).isInstanceOf(WebhookVerification.Verified.class);
                    return ((WebhookVerification.Verified) verification).webhook();
                })
                .filter(webhook -> webhook.kind() == kind && which.test(webhook))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static DisputeReport found(DisputeOutcome outcome) {
        assertThat(outcome).isInstanceOf(DisputeOutcome.Found.class);
        return ((DisputeOutcome.Found) outcome).dispute();
    }

    @Test
    void refundsOnceLooksUpAndRefusesTooMuch() {
        ConnectorAccount account = account(Map.of());
        String payment = authorize(account, "4242424242424242", true);
        String refundKey = key();

        RefundOutcome refunded = refund(account, refundKey, payment, 500);
        RefundOutcome repeated = refund(account, refundKey, payment, 500);
        RefundOutcome lookedUp = lookupRefund(account, refundKey);
        RefundOutcome tooMuch = refund(account, key(), payment, 1500);

        assertThat(refunded).isInstanceOfSatisfying(RefundOutcome.Succeeded.class,
                s -> assertThat(s.reference()).startsWith("simre_"));
        assertThat(repeated).isEqualTo(refunded);
        assertThat(lookedUp).isEqualTo(refunded);
        assertThat(tooMuch).isInstanceOfSatisfying(RefundOutcome.Failed.class, f -> {
            assertThat(f.reference()).isNull();
            assertThat(f.code()).isEqualTo("amount_too_large");
        });
        assertThat(sim.payment(payment).number("amount_refunded")).isEqualTo(500);
    }

    @Test
    void refusesRefundsOfUnknownOrUncapturedPayments() {
        ConnectorAccount account = account(Map.of());
        String authorized = authorize(account, "4242424242424242", false);

        assertThat(refund(account, key(), key(), 100)).isInstanceOf(RefundOutcome.NotFound.class);
        assertThat(refund(account, key(), authorized, 100)).isInstanceOfSatisfying(RefundOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo("invalid_state"));
        assertThat(lookupRefund(account, key())).isInstanceOf(RefundOutcome.NotFound.class);
        assertThat(cancelRefund(account, key())).isInstanceOf(RefundOutcome.NotFound.class);
    }

    @Test
    void theFailingRefundCardFailsLaterAndPaygateIsTold() {
        ConnectorAccount account = account(Map.of("refund_delay_ms", "1000"));
        String payment = authorize(account, "4000000000005126", true);
        String refundKey = key();

        RefundOutcome answered = refund(account, refundKey, payment, 1999);

        assertThat(answered).isInstanceOf(RefundOutcome.Succeeded.class);
        notified(ProcessorWebhook.Kind.REFUND, webhook -> webhook.objectKey().equals(refundKey));
        assertThat(lookupRefund(account, refundKey)).isInstanceOfSatisfying(RefundOutcome.Failed.class, f -> {
            assertThat(f.reference()).isEqualTo(((RefundOutcome.Succeeded) answered).reference());
            assertThat(f.code()).isEqualTo("refund_failed");
            assertThat(f.message()).isEqualTo("The customer's bank could not process the refund.");
        });
    }

    @Test
    void aPendingRefundCompletesOrIsCanceled() {
        ConnectorAccount quick = account(Map.of("refund_delay_ms", "1000"));
        String completing = key();
        assertThat(refund(quick, completing, authorize(quick, "4000000000007726", true), 700))
                .isInstanceOf(RefundOutcome.Pending.class);
        await().atMost(WAIT).until(() -> lookupRefund(quick, completing) instanceof RefundOutcome.Succeeded);
        notified(ProcessorWebhook.Kind.REFUND, webhook -> webhook.objectKey().equals(completing));

        ConnectorAccount slow = account(Map.of("refund_delay_ms", "600000"));
        String canceling = key();
        RefundOutcome pending = refund(slow, canceling, authorize(slow, "4000000000007726", true), 700);
        String reference = ((RefundOutcome.Pending) pending).reference();

        assertThat(cancelRefund(slow, canceling)).isEqualTo(new RefundOutcome.Canceled(reference));
        // Too late to cancel: the answer is the refund's state.
        assertThat(cancelRefund(slow, canceling)).isEqualTo(new RefundOutcome.Canceled(reference));
        assertThat(cancelRefund(quick, completing)).isInstanceOf(RefundOutcome.Succeeded.class);
    }

    @Test
    void aChargebackIsReportedAnsweredAndWon() {
        ConnectorAccount account = account(Map.of("dispute_delay_ms", "0", "dispute_decision_ms", "200"));
        long before = clock.millis() / 1000;
        String payment = authorize(account, "4000000000000259", true);
        String dispute = notifiedDispute();

        DisputeReport opened = found(connector().lookupDispute(lookup(account, dispute)));

        assertThat(opened).isEqualTo(new DisputeReport(dispute, payment, Money.of(1999, "usd"), "needs_response",
                "fraudulent", opened.evidenceDueBy(), 0, opened.createdEpochSecond()));
        assertThat(opened.evidenceDueBy()).isGreaterThanOrEqualTo(before + Duration.ofDays(7).toSeconds());
        assertThat(opened.createdEpochSecond()).isGreaterThanOrEqualTo(before);

        DisputeReport saved = found(connector().updateDisputeEvidence(change(account, dispute,
                Map.of("customer_name", "Jenny Rosen"), false)));
        DisputeReport submitted = found(connector().updateDisputeEvidence(change(account, dispute,
                Map.of("uncategorized_text", "Delivery confirmed: winning_evidence"), true)));

        assertThat(saved.status()).isEqualTo("needs_response");
        assertThat(submitted.status()).isIn("under_review", "won");
        assertThat(submitted.submissionCount()).isEqualTo(1);
        await().atMost(WAIT).until(() -> found(connector().lookupDispute(lookup(account, dispute))).status()
                .equals("won"));
        assertThat(connector().acceptDispute(change(account, dispute, Map.of(), false)))
                .isInstanceOfSatisfying(DisputeOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("dispute_closed"));
    }

    @Test
    void anInquiryIsAcceptedOnce() {
        ConnectorAccount account = account(Map.of("dispute_delay_ms", "0"));
        authorize(account, "4000000000001976", true);
        String dispute = notifiedDispute();
        assertThat(found(connector().lookupDispute(lookup(account, dispute))).status())
                .isEqualTo("warning_needs_response");
        DisputeRequest accept = change(account, dispute, Map.of(), false);

        DisputeReport closed = found(connector().acceptDispute(accept));
        DisputeReport repeated = found(connector().acceptDispute(accept));

        assertThat(closed.status()).isEqualTo("warning_closed");
        assertThat(repeated.status()).isEqualTo("warning_closed");
        assertThat(connector().lookupDispute(lookup(account, "simdp_unknown"))).isInstanceOf(DisputeOutcome.NotFound.class);
    }

    @Test
    void noAnswerIsUnknown() {
        ConnectorAccount unreachable = new ConnectorAccount(sim.account, SimulatorConnector.TYPE, false,
                Map.of("base_url", "http://127.0.0.1:9/simulator", "timeout_ms", "1000"), Map.of());

        assertThat(refund(unreachable, key(), key(), 100)).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(lookupRefund(unreachable, key())).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(cancelRefund(unreachable, key())).isInstanceOf(RefundOutcome.Unknown.class);
        assertThat(connector().lookupDispute(lookup(unreachable, "simdp_x"))).isInstanceOf(DisputeOutcome.Unknown.class);
        assertThat(connector().acceptDispute(change(unreachable, "simdp_x", Map.of(), false)))
                .isInstanceOf(DisputeOutcome.Unknown.class);
    }
}

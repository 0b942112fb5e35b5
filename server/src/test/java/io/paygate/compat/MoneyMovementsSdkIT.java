package io.paygate.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Balance;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Refund;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.DisputeUpdateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.RefundCreateParams;
import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refunds, disputes and the balance through the official stripe-java SDK: full and partial
 * refunds, refunds that fail later or stay pending, disputes won, lost and accepted, inquiries,
 * and the balance transactions behind each movement.
 */
class MoneyMovementsSdkIT extends PaygateIT {

    private TestMerchant merchant;
    private StripeClient stripe;

    @BeforeEach
    void setUp() {
        merchant = newMerchant();
        configureSimulator(merchant, "refund_delay_ms", "400", "dispute_delay_ms", "300", "dispute_decision_ms", "300");
        stripe = StripeClient.builder().setApiKey(merchant.secretKey()).setApiBase(api.baseUrl()).build();
    }

    private PaymentIntent pay(String paymentMethod, long amount) throws StripeException {
        return stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(amount).setCurrency("usd")
                .setPaymentMethod(paymentMethod).setConfirm(true).build());
    }

    private String card(String number) throws StripeException {
        return stripe.v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD).setCard(PaymentMethodCreateParams.CardDetails.builder()
                        .setNumber(number).setExpMonth(12L).setExpYear((long) Year.now().getValue() + 2).build())
                .build()).getId();
    }

    @Test
    void aFullRefundReturnsTheMoneyAndTheFee() throws StripeException {
        PaymentIntent paid = pay("pm_card_visa", 1999);
        Charge charge = stripe.v1().charges().retrieve(paid.getLatestCharge());
        BalanceTransaction captured = stripe.v1().balanceTransactions().retrieve(charge.getBalanceTransaction());
        assertThat(captured.getType()).isEqualTo("charge");
        assertThat(captured.getAmount()).isEqualTo(1999L);
        assertThat(captured.getFee()).isEqualTo(88L);
        assertThat(captured.getNet()).isEqualTo(1911L);
        assertThat(captured.getFeeDetails()).hasSize(1);

        Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId()).build());
        assertThat(refund.getStatus()).isEqualTo("succeeded");
        assertThat(refund.getAmount()).isEqualTo(1999L);
        BalanceTransaction refunded = stripe.v1().balanceTransactions().retrieve(refund.getBalanceTransaction());
        assertThat(refunded.getType()).isEqualTo("refund");
        assertThat(refunded.getAmount()).isEqualTo(-1999L);
        assertThat(refunded.getFee()).isEqualTo(-88L);
        assertThat(refunded.getNet()).isEqualTo(-1911L);
        Charge after = stripe.v1().charges().retrieve(paid.getLatestCharge());
        assertThat(after.getAmountRefunded()).isEqualTo(1999L);
        assertThat(after.getRefunded()).isTrue();
        InvalidRequestException again = (InvalidRequestException) fails(() ->
                stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(charge.getId()).setAmount(1L).build()));
        assertThat(again.getCode()).isEqualTo("charge_already_refunded");
    }

    @Test
    void severalPartialRefundsUntilTheCaptureIsUsedUp() throws StripeException {
        PaymentIntent paid = pay("pm_card_visa", 10_000);
        long fee = stripe.v1().balanceTransactions().retrieve(
                stripe.v1().charges().retrieve(paid.getLatestCharge()).getBalanceTransaction()).getFee();
        long feeBack = 0;
        for (long part : new long[] {2500, 2500, 4000}) {
            Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId())
                    .setAmount(part).setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER).build());
            assertThat(refund.getStatus()).isEqualTo("succeeded");
            assertThat(refund.getReason()).isEqualTo("requested_by_customer");
            feeBack -= stripe.v1().balanceTransactions().retrieve(refund.getBalanceTransaction()).getFee();
        }
        InvalidRequestException tooMuch = (InvalidRequestException) fails(() -> stripe.v1().refunds().create(
                RefundCreateParams.builder().setPaymentIntent(paid.getId()).setAmount(1001L).build()));
        assertThat(tooMuch.getCode()).isEqualTo("amount_too_large");
        Refund last = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId()).build());
        assertThat(last.getAmount()).isEqualTo(1000L);
        feeBack -= stripe.v1().balanceTransactions().retrieve(last.getBalanceTransaction()).getFee();
        assertThat(feeBack).as("proportional fee reversals add up to the whole fee").isEqualTo(fee);
        assertThat(stripe.v1().charges().retrieve(paid.getLatestCharge()).getAmountRefunded()).isEqualTo(10_000L);
        assertThat(stripe.v1().refunds().list(com.stripe.param.RefundListParams.builder()
                .setPaymentIntent(paid.getId()).build()).getData()).hasSize(4);
    }

    @Test
    void aRefundThatFailsLaterGivesTheMoneyBack() throws StripeException {
        PaymentIntent paid = pay(card("4000000000005126"), 3000);
        Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId()).build());
        assertThat(refund.getStatus()).isEqualTo("succeeded");
        Refund failed = Poll.until(Duration.ofSeconds(30), () -> retrieveRefund(refund.getId()),
                r -> r.getStatus().equals("failed"), "the refund to fail");
        assertThat(failed.getFailureReason()).isNotNull();
        BalanceTransaction reversal = stripe.v1().balanceTransactions().retrieve(failed.getFailureBalanceTransaction());
        assertThat(reversal.getType()).isEqualTo("refund_failure");
        assertThat(reversal.getAmount()).isEqualTo(3000L);
        assertThat(stripe.v1().charges().retrieve(paid.getLatestCharge()).getAmountRefunded()).isZero();
    }

    @Test
    void aPendingRefundSucceedsLaterOrCanBeCanceled() throws StripeException {
        PaymentIntent paid = pay(card("4000000000007726"), 3000);
        Refund pending = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId())
                .setAmount(1000L).build());
        assertThat(pending.getStatus()).isEqualTo("pending");
        Refund done = Poll.until(Duration.ofSeconds(30), () -> retrieveRefund(pending.getId()),
                r -> !r.getStatus().equals("pending"), "the pending refund to settle");
        assertThat(done.getStatus()).isEqualTo("succeeded");

        Refund second = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId())
                .setAmount(1000L).build());
        assertThat(second.getStatus()).isEqualTo("pending");
        Refund canceled = stripe.v1().refunds().cancel(second.getId());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(stripe.v1().charges().retrieve(paid.getLatestCharge()).getAmountRefunded()).isEqualTo(1000L);
        InvalidRequestException notPending = (InvalidRequestException) fails(() -> stripe.v1().refunds().cancel(done.getId()));
        assertThat(notPending.getCode()).isEqualTo("refund_not_cancelable");
    }

    @Test
    void refundingAnUncapturedIntentCancelsIt() throws StripeException {
        PaymentIntent authorized = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(1500L)
                .setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
        Refund refund = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(authorized.getId()).build());
        assertThat(refund.getStatus()).isEqualTo("succeeded");
        assertThat(stripe.v1().paymentIntents().retrieve(authorized.getId()).getStatus()).isEqualTo("canceled");
    }

    @Test
    void aDisputeIsWonWithEvidenceAndTheMoneyComesBack() throws StripeException {
        PaymentIntent paid = pay("pm_card_createDispute", 5000);
        Dispute dispute = awaitDispute(paid, "needs_response");
        assertThat(dispute.getAmount()).isEqualTo(5000L);
        assertThat(dispute.getReason()).isEqualTo("fraudulent");
        assertThat(dispute.getBalanceTransactions()).hasSize(1);
        BalanceTransaction withdrawal = dispute.getBalanceTransactions().getFirst();
        assertThat(withdrawal.getType()).isEqualTo("dispute");
        assertThat(withdrawal.getAmount()).isEqualTo(-5000L);
        assertThat(withdrawal.getFee()).isEqualTo(1500L);
        assertThat(stripe.v1().charges().retrieve(paid.getLatestCharge()).getDisputed()).isTrue();
        InvalidRequestException blocked = (InvalidRequestException) fails(() ->
                stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId()).build()));
        assertThat(blocked.getCode()).isEqualTo("charge_disputed");

        Dispute submitted = stripe.v1().disputes().update(dispute.getId(), DisputeUpdateParams.builder()
                .setEvidence(DisputeUpdateParams.Evidence.builder().setUncategorizedText("winning_evidence")
                        .setCustomerName("Ada Lovelace").build())
                .setSubmit(true).build());
        assertThat(submitted.getStatus()).isEqualTo("under_review");
        assertThat(submitted.getEvidence().getCustomerName()).isEqualTo("Ada Lovelace");
        assertThat(submitted.getEvidenceDetails().getSubmissionCount()).isEqualTo(1L);
        Dispute won = Poll.until(Duration.ofSeconds(30), () -> retrieveDispute(dispute.getId()),
                d -> d.getStatus().equals("won"), "the dispute to be won");
        assertThat(won.getBalanceTransactions()).extracting(BalanceTransaction::getType).containsExactly("dispute", "adjustment");
        assertThat(won.getBalanceTransactions().get(1).getNet()).isEqualTo(6500L);
        assertThat(stripe.v1().charges().retrieve(paid.getLatestCharge()).getDisputed()).isFalse();
        InvalidRequestException closed = (InvalidRequestException) fails(() -> stripe.v1().disputes().update(dispute.getId(),
                DisputeUpdateParams.builder().setEvidence(DisputeUpdateParams.Evidence.builder()
                        .setUncategorizedText("more").build()).build()));
        assertThat(closed.getCode()).isEqualTo("dispute_closed");
    }

    @Test
    void aDisputeIsLostOrAccepted() throws StripeException {
        PaymentIntent lostPayment = pay("pm_card_createDispute", 2000);
        Dispute toLose = awaitDispute(lostPayment, "needs_response");
        stripe.v1().disputes().update(toLose.getId(), DisputeUpdateParams.builder()
                .setEvidence(DisputeUpdateParams.Evidence.builder().setUncategorizedText("losing_evidence").build())
                .setSubmit(true).build());
        Dispute lost = Poll.until(Duration.ofSeconds(30), () -> retrieveDispute(toLose.getId()),
                d -> d.getStatus().equals("lost"), "the dispute to be lost");
        assertThat(lost.getBalanceTransactions()).extracting(BalanceTransaction::getType).containsExactly("dispute");

        PaymentIntent acceptedPayment = pay("pm_card_createDispute", 2000);
        Dispute toAccept = awaitDispute(acceptedPayment, "needs_response");
        Dispute accepted = stripe.v1().disputes().close(toAccept.getId());
        assertThat(accepted.getStatus()).isEqualTo("lost");
        InvalidRequestException twice = (InvalidRequestException) fails(() -> stripe.v1().disputes().close(toAccept.getId()));
        assertThat(twice.getCode()).isEqualTo("dispute_closed");
    }

    @Test
    void anInquiryWithdrawsNothingUntilItEscalates() throws StripeException {
        PaymentIntent paid = pay(card("4000000000001976"), 2500);
        Dispute inquiry = awaitDispute(paid, "warning_needs_response");
        assertThat(inquiry.getBalanceTransactions()).isEmpty();
        assertThat(inquiry.getIsChargeRefundable()).isTrue();
        stripe.v1().disputes().update(inquiry.getId(), DisputeUpdateParams.builder()
                .setEvidence(DisputeUpdateParams.Evidence.builder().setUncategorizedText("winning_evidence").build())
                .setSubmit(true).build());
        Dispute closed = Poll.until(Duration.ofSeconds(30), () -> retrieveDispute(inquiry.getId()),
                d -> d.getStatus().equals("warning_closed"), "the inquiry to close");
        assertThat(closed.getBalanceTransactions()).isEmpty();
    }

    @Test
    void theBalanceFollowsTheLedger() throws StripeException {
        HttpApi.Response settlement = api.post("/v1/merchants/" + merchant.id() + "/settlement", ADMIN_TOKEN, "delay_days", "0");
        assertThat(settlement.status()).as(settlement.toString()).isEqualTo(200);
        PaymentIntent paid = pay("pm_card_visa", 10_000);
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(paid.getId()).setAmount(4000L).build());
        Balance balance = Poll.until(Duration.ofSeconds(20), this::balance,
                b -> !b.getAvailable().isEmpty() && b.getPending().stream().allMatch(m -> m.getAmount() == 0),
                "the captured funds to become available");
        long fee = 290 + 30;
        long refundFeeBack = Math.round(fee * 0.4);
        assertThat(balance.getAvailable()).singleElement().satisfies(money -> {
            assertThat(money.getCurrency()).isEqualTo("usd");
            assertThat(money.getAmount()).isEqualTo(10_000 - fee - 4000 + refundFeeBack);
        });
        List<BalanceTransaction> lines = stripe.v1().balanceTransactions().list(BalanceTransactionListParams.builder()
                .setLimit(10L).build()).getData();
        assertThat(lines).extracting(BalanceTransaction::getType).containsExactly("refund", "charge");
        assertThat(lines.get(1).getStatus()).isEqualTo("available");
        assertThat(stripe.v1().balanceTransactions().list(BalanceTransactionListParams.builder().setType("refund").build())
                .getData()).hasSize(1);
        HttpApi.Response audit = api.get("/v1/ledger/audit", ADMIN_TOKEN);
        assertThat(audit.json().path("ok").asBoolean()).as(audit.toString()).isTrue();
    }

    private Dispute awaitDispute(PaymentIntent paid, String status) {
        return Poll.until(Duration.ofSeconds(30), () -> {
            try {
                List<Dispute> found = stripe.v1().disputes().list(DisputeListParams.builder()
                        .setPaymentIntent(paid.getId()).build()).getData();
                return found.isEmpty() ? null : found.getFirst();
            } catch (StripeException e) {
                throw new IllegalStateException(e);
            }
        }, d -> d != null && d.getStatus().equals(status), "a dispute with status " + status);
    }

    private Refund retrieveRefund(String id) {
        try {
            return stripe.v1().refunds().retrieve(id);
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    private Dispute retrieveDispute(String id) {
        try {
            return stripe.v1().disputes().retrieve(id);
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    private Balance balance() {
        try {
            return stripe.v1().balance().retrieve();
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Call {
        Object call() throws StripeException;
    }

    private static StripeException fails(Call call) {
        try {
            call.call();
        } catch (StripeException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}

package io.paygate.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.PaymentMethodListParams;
import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Black-box compatibility: the official stripe-java SDK is the client, Paygate the server. Every row
 * of the simulator's test-card table, manual capture, cancel, customers, payment methods, lists and
 * idempotency, exactly as a merchant's code would use them.
 */
class StripeSdkIT extends PaygateIT {

    private TestMerchant merchant;
    private StripeClient stripe;

    @BeforeEach
    void setUp() {
        merchant = newMerchant();
        configureSimulator(merchant, "async_delay_ms", "300");
        stripe = StripeClient.builder().setApiKey(merchant.secretKey()).setApiBase(api.baseUrl()).build();
    }

    private PaymentMethod card(String number) throws StripeException {
        return stripe.v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD)
                .setCard(PaymentMethodCreateParams.CardDetails.builder().setNumber(number).setExpMonth(12L)
                        .setExpYear((long) Year.now().getValue() + 2).setCvc(number.startsWith("3") && number.length() == 15 ? "1234" : "123")
                        .build())
                .build());
    }

    private PaymentIntent pay(String paymentMethod) throws StripeException {
        return stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1999L).setCurrency("usd").setPaymentMethod(paymentMethod).setConfirm(true)
                .setReturnUrl("https://shop.example/return").build());
    }

    @ParameterizedTest(name = "{0} succeeds as {1}")
    @CsvSource({
            "4242424242424242, visa", "5555555555554444, mastercard", "378282246310005, amex",
            "6011111111111117, discover", "3566002020360505, jcb", "6200000000000005, unionpay",
            "3056930009020004, diners", "4000000000000259, visa"})
    void successfulCards(String number, String brand) throws StripeException {
        PaymentMethod pm = card(number);
        assertThat(pm.getCard().getBrand()).isEqualTo(brand);
        assertThat(pm.getCard().getLast4()).isEqualTo(number.substring(number.length() - 4));
        PaymentIntent intent = pay(pm.getId());
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getAmountReceived()).isEqualTo(1999L);
        Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
        assertThat(charge.getPaid()).isTrue();
        assertThat(charge.getCaptured()).isTrue();
        assertThat(charge.getPaymentMethodDetails().getCard().getBrand()).isEqualTo(brand);
    }

    @ParameterizedTest(name = "{0} declines with {1}/{2}")
    @CsvSource({
            "4000000000000002, pm_card_chargeDeclined, card_declined, generic_decline",
            "4000000000009995, pm_card_chargeDeclinedInsufficientFunds, card_declined, insufficient_funds",
            "4000000000009987, pm_card_chargeDeclinedLostCard, card_declined, lost_card",
            "4000000000009979, pm_card_chargeDeclinedStolenCard, card_declined, stolen_card",
            "4000000000000069, pm_card_chargeDeclinedExpiredCard, expired_card, expired_card",
            "4000000000000127, pm_card_chargeDeclinedIncorrectCvc, incorrect_cvc, incorrect_cvc",
            "4000000000000119, pm_card_chargeDeclinedProcessingError, processing_error, processing_error",
            "4100000000000019, pm_card_radarBlock, card_declined, fraudulent"})
    void declinedCards(String number, String shortcut, String code, String declineCode) throws StripeException {
        for (String paymentMethod : List.of(card(number).getId(), shortcut)) {
            CardException error = (CardException) catchStripe(() -> pay(paymentMethod));
            assertThat(error.getCode()).isEqualTo(code);
            assertThat(error.getDeclineCode()).isEqualTo(declineCode);
            assertThat(error.getStatusCode()).isEqualTo(402);
            PaymentIntent intent = error.getStripeError().getPaymentIntent();
            assertThat(intent.getStatus()).isEqualTo("requires_payment_method");
            PaymentIntent stored = stripe.v1().paymentIntents().retrieve(intent.getId());
            assertThat(stored.getLastPaymentError().getDeclineCode()).isEqualTo(declineCode);
            Charge charge = stripe.v1().charges().retrieve(stored.getLatestCharge());
            assertThat(charge.getStatus()).isEqualTo("failed");
            assertThat(charge.getFailureCode()).isEqualTo(code);
        }
    }

    @ParameterizedTest(name = "shortcut {0} succeeds")
    @CsvSource({"pm_card_visa", "pm_card_mastercard", "pm_card_amex", "pm_card_discover", "pm_card_jcb",
            "pm_card_unionpay", "pm_card_diners", "pm_card_createDispute"})
    void successfulShortcuts(String shortcut) throws StripeException {
        PaymentIntent intent = pay(shortcut);
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getPaymentMethod()).startsWith("pm_").isNotEqualTo(shortcut);
    }

    @Test
    void threeDSecureSucceedsAfterTheChallenge() throws StripeException {
        PaymentIntent intent = pay(card("4000000000003220").getId());
        assertThat(intent.getStatus()).isEqualTo("requires_action");
        assertThat(intent.getNextAction().getType()).isEqualTo("redirect_to_url");
        String landing = Browser.completeChallenge(api, intent.getNextAction().getRedirectToUrl().getUrl(), "complete");
        assertThat(landing).startsWith("https://shop.example/return?payment_intent=" + intent.getId())
                .contains("redirect_status=succeeded");
        assertThat(stripe.v1().paymentIntents().retrieve(intent.getId()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void threeDSecureShortcutCanFailTheChallenge() throws StripeException {
        PaymentIntent intent = pay("pm_card_threeDSecure2Required");
        assertThat(intent.getStatus()).isEqualTo("requires_action");
        String landing = Browser.completeChallenge(api, intent.getNextAction().getRedirectToUrl().getUrl(), "fail");
        assertThat(landing).contains("redirect_status=failed");
        PaymentIntent failed = stripe.v1().paymentIntents().retrieve(intent.getId());
        assertThat(failed.getStatus()).isEqualTo("requires_payment_method");
        assertThat(failed.getLastPaymentError()).isNotNull();
    }

    @Test
    void threeDSecureThenDeclined() throws StripeException {
        PaymentIntent intent = pay(card("4000008400001629").getId());
        assertThat(intent.getStatus()).isEqualTo("requires_action");
        Browser.completeChallenge(api, intent.getNextAction().getRedirectToUrl().getUrl(), "complete");
        PaymentIntent declined = stripe.v1().paymentIntents().retrieve(intent.getId());
        assertThat(declined.getStatus()).isEqualTo("requires_payment_method");
        assertThat(declined.getLastPaymentError().getDeclineCode()).isEqualTo("generic_decline");
    }

    @ParameterizedTest(name = "UPI {0} ends {1}")
    @CsvSource({"success@upi, succeeded", "failure@upi, requires_payment_method"})
    void upiResolvesAsynchronously(String vpa, String finalStatus) throws StripeException {
        PaymentMethod pm = stripe.v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.UPI)
                .setUpi(PaymentMethodCreateParams.Upi.builder().putExtraParam("vpa", vpa).build()).build());
        PaymentIntent intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(50000L).setCurrency("inr").addPaymentMethodType("upi").setPaymentMethod(pm.getId())
                .setConfirm(true).build());
        assertThat(intent.getStatus()).isEqualTo("processing");
        PaymentIntent done = Poll.until(Duration.ofSeconds(30), () -> retrieve(intent.getId()),
                p -> !p.getStatus().equals("processing"), "UPI payment to resolve");
        assertThat(done.getStatus()).isEqualTo(finalStatus);
    }

    @ParameterizedTest(name = "net banking {0} ends {1}")
    @CsvSource({"hdfc_success, succeeded", "hdfc_failure, requires_payment_method"})
    void netBankingRedirectsToTheBank(String bank, String finalStatus) throws StripeException {
        PaymentIntent intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(50000L).setCurrency("inr").addPaymentMethodType("netbanking").setConfirm(true)
                .setReturnUrl("https://shop.example/bank-return")
                .setPaymentMethodData(PaymentIntentCreateParams.PaymentMethodData.builder()
                        .putExtraParam("type", "netbanking").putExtraParam("netbanking", Map.of("bank", bank)).build())
                .build());
        assertThat(intent.getStatus()).isEqualTo("requires_action");
        String landing = Browser.completeChallenge(api, intent.getNextAction().getRedirectToUrl().getUrl(), "pay");
        assertThat(landing).startsWith("https://shop.example/bank-return?");
        assertThat(retrieve(intent.getId()).getStatus()).isEqualTo(finalStatus);
    }

    @Test
    void manualCaptureFullAndPartial() throws StripeException {
        for (long toCapture : new long[] {1999L, 1200L}) {
            PaymentIntent authorized = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(1999L).setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true)
                    .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
            assertThat(authorized.getStatus()).isEqualTo("requires_capture");
            assertThat(authorized.getAmountCapturable()).isEqualTo(1999L);
            PaymentIntent captured = stripe.v1().paymentIntents().capture(authorized.getId(),
                    PaymentIntentCaptureParams.builder().setAmountToCapture(toCapture).build());
            assertThat(captured.getStatus()).isEqualTo("succeeded");
            assertThat(captured.getAmountReceived()).isEqualTo(toCapture);
            assertThat(captured.getAmountCapturable()).isZero();
            Charge charge = stripe.v1().charges().retrieve(captured.getLatestCharge());
            assertThat(charge.getAmountCaptured()).isEqualTo(toCapture);
            assertThat(charge.getCaptured()).isTrue();
            InvalidRequestException again = (InvalidRequestException) catchStripe(
                    () -> stripe.v1().paymentIntents().capture(authorized.getId()));
            assertThat(again.getCode()).isEqualTo("payment_intent_unexpected_state");
        }
    }

    @Test
    void cancelBeforeConfirmationAndAfterAuthorization() throws StripeException {
        PaymentIntent unconfirmed = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("eur").build());
        assertThat(unconfirmed.getStatus()).isEqualTo("requires_payment_method");
        PaymentIntent canceled = stripe.v1().paymentIntents().cancel(unconfirmed.getId(),
                PaymentIntentCancelParams.builder().setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCancellationReason()).isEqualTo("abandoned");

        PaymentIntent authorized = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("eur").setPaymentMethod("pm_card_visa").setConfirm(true)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL).build());
        PaymentIntent released = stripe.v1().paymentIntents().cancel(authorized.getId());
        assertThat(released.getStatus()).isEqualTo("canceled");
        assertThat(released.getAmountCapturable()).isZero();
        assertThat(stripe.v1().charges().retrieve(released.getLatestCharge()).getRefunded()).isTrue();

        PaymentIntent succeeded = pay("pm_card_visa");
        InvalidRequestException error = (InvalidRequestException) catchStripe(
                () -> stripe.v1().paymentIntents().cancel(succeeded.getId()));
        assertThat(error.getCode()).isEqualTo("payment_intent_unexpected_state");
    }

    @Test
    void confirmSeparatelyAndRetrieveWithExpansions() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("buyer@shop.test").build());
        PaymentIntent created = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(2500L).setCurrency("gbp").setCustomer(customer.getId()).putMetadata("order_id", "A-1").build());
        PaymentIntent confirmed = stripe.v1().paymentIntents().confirm(created.getId(),
                PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_mastercard").build());
        assertThat(confirmed.getStatus()).isEqualTo("succeeded");
        PaymentIntent expanded = stripe.v1().paymentIntents().retrieve(created.getId(), PaymentIntentRetrieveParams.builder()
                .addExpand("latest_charge").addExpand("customer").addExpand("payment_method").build());
        assertThat(expanded.getLatestChargeObject().getAmount()).isEqualTo(2500L);
        assertThat(expanded.getCustomerObject().getEmail()).isEqualTo("buyer@shop.test");
        assertThat(expanded.getPaymentMethodObject().getCard().getBrand()).isEqualTo("mastercard");
        assertThat(expanded.getMetadata()).containsEntry("order_id", "A-1");
    }

    @Test
    void customersAndTheirPaymentMethods() throws StripeException {
        String email = "c-" + UUID.randomUUID() + "@shop.test";
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail(email).setName("Ada Lovelace").putMetadata("tier", "gold").build());
        assertThat(customer.getId()).startsWith("cus_");
        Customer updated = stripe.v1().customers().update(customer.getId(),
                CustomerUpdateParams.builder().setName("Ada King").putMetadata("tier", "").build());
        assertThat(updated.getName()).isEqualTo("Ada King");
        assertThat(updated.getMetadata()).doesNotContainKey("tier");
        assertThat(stripe.v1().customers().list(CustomerListParams.builder().setEmail(email).build()).getData())
                .extracting(Customer::getId).containsExactly(customer.getId());
        assertThat(stripe.v1().customers().search(CustomerSearchParams.builder().setQuery("email:'" + email + "'").build())
                .getData()).extracting(Customer::getId).containsExactly(customer.getId());

        PaymentMethod visa = card("4242424242424242");
        assertThat(card("4242424242424242").getCard().getFingerprint()).isEqualTo(visa.getCard().getFingerprint());
        assertThat(card("5555555555554444").getCard().getFingerprint()).isNotEqualTo(visa.getCard().getFingerprint());
        assertThat(visa.getCard().getChecks().getCvcCheck()).isEqualTo("unchecked");
        PaymentMethod attached = stripe.v1().paymentMethods().attach(visa.getId(),
                PaymentMethodAttachParams.builder().setCustomer(customer.getId()).build());
        assertThat(attached.getCustomer()).isEqualTo(customer.getId());
        assertThat(stripe.v1().paymentMethods().list(PaymentMethodListParams.builder().setCustomer(customer.getId()).build())
                .getData()).extracting(PaymentMethod::getId).containsExactly(visa.getId());
        PaymentMethod detached = stripe.v1().paymentMethods().detach(visa.getId());
        assertThat(detached.getCustomer()).isNull();
        assertThat(stripe.v1().paymentMethods().list(PaymentMethodListParams.builder().setCustomer(customer.getId()).build())
                .getData()).isEmpty();

        PaymentIntent paid = pay(visa.getId());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(stripe.v1().paymentMethods().retrieve(visa.getId()).getCard().getChecks().getCvcCheck()).isEqualTo("pass");
        StripeClient otherMerchant = StripeClient.builder().setApiKey(newMerchant().secretKey()).setApiBase(api.baseUrl()).build();
        PaymentMethod elsewhere = otherMerchant.v1().paymentMethods().create(PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD).setCard(PaymentMethodCreateParams.CardDetails.builder()
                        .setNumber("4242424242424242").setExpMonth(12L).setExpYear(2040L).build()).build());
        assertThat(elsewhere.getCard().getFingerprint()).isNotEqualTo(visa.getCard().getFingerprint());

        Customer deleted = stripe.v1().customers().delete(customer.getId());
        assertThat(deleted.getDeleted()).isTrue();
    }

    @Test
    void listsPaginateNewestFirst() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(100L + i)
                    .setCurrency("usd").setCustomer(customer.getId()).putMetadata("order_id", "list-" + i).build()).getId());
        }
        StripeCollection<PaymentIntent> first = stripe.v1().paymentIntents().list(
                PaymentIntentListParams.builder().setCustomer(customer.getId()).setLimit(2L).build());
        assertThat(first.getHasMore()).isTrue();
        assertThat(first.getData()).extracting(PaymentIntent::getId).containsExactly(created.get(4), created.get(3));
        List<String> all = new ArrayList<>();
        first.autoPagingIterable().forEach(p -> all.add(p.getId()));
        assertThat(all).containsExactlyElementsOf(created.reversed());
        StripeCollection<PaymentIntent> before = stripe.v1().paymentIntents().list(PaymentIntentListParams.builder()
                .setCustomer(customer.getId()).setLimit(2L).setEndingBefore(created.get(1)).build());
        assertThat(before.getData()).extracting(PaymentIntent::getId).containsExactly(created.get(3), created.get(2));

        var found = stripe.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                .setQuery("status:'requires_payment_method' AND metadata['order_id']:'list-3'").build());
        assertThat(found.getData()).extracting(PaymentIntent::getId).containsExactly(created.get(3));
    }

    @Test
    void idempotentReplayAndConflictingReuse() throws StripeException {
        String key = "order-" + UUID.randomUUID();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(key).build();
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder().setAmount(4200L).setCurrency("usd")
                .setPaymentMethod("pm_card_visa").setConfirm(true).build();
        PaymentIntent first = stripe.v1().paymentIntents().create(params, options);
        PaymentIntent replay = stripe.v1().paymentIntents().create(params, options);
        assertThat(replay.getId()).isEqualTo(first.getId());
        assertThat(replay.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stripe.v1().paymentIntents().list(PaymentIntentListParams.builder().setLimit(100L).build()).getData())
                .filteredOn(p -> p.getAmount() == 4200L).hasSize(1);
        IdempotencyException conflict = (IdempotencyException) catchStripe(() -> stripe.v1().paymentIntents().create(
                PaymentIntentCreateParams.builder().setAmount(4300L).setCurrency("usd").build(), options));
        assertThat(conflict.getStatusCode()).isEqualTo(400);
    }

    private PaymentIntent retrieve(String id) {
        try {
            return stripe.v1().paymentIntents().retrieve(id);
        } catch (StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    interface StripeCall {
        Object call() throws StripeException;
    }

    private static StripeException catchStripe(StripeCall call) {
        try {
            call.call();
        } catch (StripeException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }

    /** Plays the customer's browser on the simulator's pages: press a button, follow the redirects. */
    static final class Browser {
        private Browser() {
        }

        static String completeChallenge(HttpApi api, String pageUrl, String action) {
            HttpApi page = new HttpApi(pageUrl.substring(0, pageUrl.indexOf('/', 8)));
            String path = pageUrl.substring(pageUrl.indexOf('/', 8));
            HttpApi.Response shown = page.get(path, null);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.body()).contains("<form");
            HttpApi.Response pressed = page.post(path + "/" + action, null);
            assertThat(pressed.status()).as(pressed.toString()).isEqualTo(303);
            String back = pressed.header("Location");
            HttpApi paygate = new HttpApi(back.substring(0, back.indexOf('/', 8)));
            HttpApi.Response landed = paygate.get(back.substring(back.indexOf('/', 8)), null);
            assertThat(landed.status()).as(landed.toString()).isEqualTo(302);
            return landed.header("Location");
        }
    }
}

package io.paygate.simulator;

import static io.paygate.simulator.SimulatorHttp.PAYMENTS;
import static io.paygate.simulator.SimulatorHttp.REFUNDS;
import static io.paygate.simulator.SimulatorHttp.card;
import static io.paygate.simulator.SimulatorHttp.payment;
import static io.paygate.simulator.SimulatorPaymentsIT.cardInstrument;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.spi.ProcessorWebhook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatorRefundsIT extends SimulatorServerTest {

    private static final Map<String, String> QUICK = Map.of("refund_delay_ms", "1000");
    private static final Map<String, String> SLOW = Map.of("refund_delay_ms", "600000");

    /** A captured payment of 1999 with this card; returns its idempotency key. */
    private String captured(String number) {
        String key = key();
        SimulatorHttp.Response r = sim.post(PAYMENTS, key, card(number, true, reference()));
        assertThat(r.text("status")).isEqualTo("captured");
        return key;
    }

    @Test
    void refundsACapturedPaymentAtOnce() {
        String paymentKey = captured("4242424242424242");
        String refundKey = key();

        SimulatorHttp.Response r = sim.refund(paymentKey, refundKey, 500, Map.of());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("id")).startsWith("simre_");
        assertThat(r.text("object")).isEqualTo("simulator.refund");
        assertThat(r.text("status")).isEqualTo("succeeded");
        assertThat(r.number("amount")).isEqualTo(500);
        assertThat(r.text("currency")).isEqualTo("usd");
        assertThat(r.text("payment")).isEqualTo(sim.payment(paymentKey).text("id"));
        assertThat(r.text("payment_key")).isEqualTo(paymentKey);
        assertThat(r.text("reason")).isEqualTo("requested_by_customer");
        assertThat(r.json().get("failure").isNull()).isTrue();
        assertThat(r.number("created")).isPositive();
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isEqualTo(500);
        assertThat(sim.refundOf(refundKey).text("id")).isEqualTo(r.text("id"));
        SimulatorHttp.Response list = sim.get(REFUNDS + "?payment_key=" + paymentKey);
        assertThat(list.text("object")).isEqualTo("list");
        assertThat(list.data()).extracting(refund -> refund.get("id").asString()).containsExactly(r.text("id"));
        assertThat(eventsAbout(ProcessorWebhook.Kind.REFUND, refundKey)).isEmpty();
    }

    @Test
    void neverRefundsMoreThanWasCaptured() {
        String paymentKey = captured("4242424242424242");

        assertThat(sim.refund(paymentKey, key(), 1500, Map.of()).text("status")).isEqualTo("succeeded");
        SimulatorHttp.Response tooMuch = sim.refund(paymentKey, key(), 500, Map.of());
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.errorCode()).isEqualTo("amount_too_large");
        assertThat(sim.refund(paymentKey, key(), 499, Map.of()).text("status")).isEqualTo("succeeded");
        assertThat(sim.refund(paymentKey, key(), 1, Map.of()).errorCode()).isEqualTo("amount_too_large");

        assertThat(sim.payment(paymentKey).number("amount_refunded")).isEqualTo(1999);
        assertThat(sim.get(REFUNDS + "?payment_key=" + paymentKey).data()).hasSize(2);
    }

    @Test
    void refundsRacingEachOtherStillNeverExceedTheCapture() {
        String paymentKey = captured("4242424242424242");

        List<CompletableFuture<SimulatorHttp.Response>> racing = IntStream.range(0, 6)
                .mapToObj(i -> sim.sendAsync(sim.postRequest(PAYMENTS + "/" + paymentKey + "/refunds", key(),
                        Map.of("amount", 500), Duration.ofSeconds(30))).thenApply(sim::wrap))
                .toList();
        List<SimulatorHttp.Response> answers = racing.stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(3);
        assertThat(answers).filteredOn(r -> r.status() == 400)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("amount_too_large")).hasSize(3);
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isEqualTo(1500);
    }

    @Test
    void concurrentRepeatsOfOneRefundAllAnswerIt() {
        String paymentKey = captured("4242424242424242");
        String refundKey = key();

        List<CompletableFuture<SimulatorHttp.Response>> racing = IntStream.range(0, 4)
                .mapToObj(i -> sim.sendAsync(sim.postRequest(PAYMENTS + "/" + paymentKey + "/refunds", refundKey,
                        Map.of("amount", 1999), Duration.ofSeconds(30))).thenApply(sim::wrap))
                .toList();
        List<SimulatorHttp.Response> answers = racing.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(answers).extracting(r -> r.text("id")).containsOnly(answers.getFirst().text("id"));
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isEqualTo(1999);
    }

    @Test
    void aRepeatAnswersTheSameRefundAndRefundsOnce() {
        String paymentKey = captured("4242424242424242");
        String refundKey = key();

        SimulatorHttp.Response first = sim.refund(paymentKey, refundKey, 1999, Map.of());
        SimulatorHttp.Response again = sim.refund(paymentKey, refundKey, 1999, Map.of());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("status")).isEqualTo("succeeded");
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isEqualTo(1999);
        assertThat(sim.get(REFUNDS + "?payment_key=" + paymentKey).data()).hasSize(1);

        SimulatorHttp.Response otherPayment = sim.refund(captured("4242424242424242"), refundKey, 1999, Map.of());
        assertThat(otherPayment.status()).isEqualTo(400);
        assertThat(otherPayment.errorCode()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void refusesRefundsThatCannotApply() {
        SimulatorHttp.Response unknown = sim.refund(key(), key(), 100, Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("resource_missing");

        String authorized = key();
        sim.post(PAYMENTS, authorized, card("4242424242424242", false, reference()));
        SimulatorHttp.Response notCaptured = sim.refund(authorized, key(), 100, Map.of());
        assertThat(notCaptured.status()).isEqualTo(400);
        assertThat(notCaptured.errorCode()).isEqualTo("invalid_state");

        String declined = key();
        sim.post(PAYMENTS, declined, card("4000000000000002", true, reference()));
        assertThat(sim.refund(declined, key(), 100, Map.of()).errorCode()).isEqualTo("invalid_state");

        String paymentKey = captured("4242424242424242");
        assertThat(sim.refund(paymentKey, key(), 0, Map.of()).errorCode()).isEqualTo("invalid_request");
        assertThat(sim.post(PAYMENTS + "/" + paymentKey + "/refunds", key(), Map.of("amount", 100, "reason", "bored"))
                .errorCode()).isEqualTo("invalid_request");
        assertThat(sim.post(PAYMENTS + "/" + paymentKey + "/refunds", key(), Map.of("amount", 100, "currency", "eur"))
                .errorCode()).isEqualTo("invalid_request");
        assertThat(sim.post(PAYMENTS + "/" + paymentKey + "/refunds", null, Map.of("amount", 100)).errorCode())
                .isEqualTo("missing_idempotency_key");
        assertThat(sim.refundOf(key()).errorCode()).isEqualTo("resource_missing");
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isZero();
    }

    @Test
    void theFailingRefundCardSucceedsThenFails() {
        String paymentKey = captured("4000000000005126");
        String refundKey = key();

        SimulatorHttp.Response answered = sim.refund(paymentKey, refundKey, 1999, QUICK);

        assertThat(answered.text("status")).isEqualTo("succeeded");
        SimulatorHttp.Response failed = awaitRefund(refundKey, "failed", Duration.ofSeconds(10));
        assertThat(failed.json().path("failure").path("code").asString()).isEqualTo("refund_failed");
        assertThat(failed.json().path("failure").path("message").asString())
                .isEqualTo("The customer's bank could not process the refund.");
        assertThat(awaitWebhook(ProcessorWebhook.Kind.REFUND, refundKey).event().path("data").path("object").path("status")
                .asString()).isIn("failed", "succeeded");
        // The money stayed with the merchant, so it can be refunded again.
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isZero();
        assertThat(sim.refund(paymentKey, key(), 1999, SLOW).text("status")).isEqualTo("succeeded");
    }

    @Test
    void thePendingRefundCardSucceedsLater() {
        String paymentKey = captured("4000000000007726");
        String refundKey = key();

        SimulatorHttp.Response answered = sim.refund(paymentKey, refundKey, 700, QUICK);

        assertThat(answered.text("status")).isEqualTo("pending");
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isEqualTo(700);
        awaitRefund(refundKey, "succeeded", Duration.ofSeconds(10));
        assertThat(awaitWebhook(ProcessorWebhook.Kind.REFUND, refundKey).event().path("data").path("object").path("status")
                .asString()).isIn("failed", "succeeded");
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isEqualTo(700);
    }

    @Test
    void cancelsOnlyAPendingRefund() {
        String paymentKey = captured("4000000000007726");
        String refundKey = key();
        assertThat(sim.refund(paymentKey, refundKey, 1999, SLOW).text("status")).isEqualTo("pending");

        SimulatorHttp.Response canceled = sim.cancelRefund(refundKey);

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.text("status")).isEqualTo("canceled");
        assertThat(sim.payment(paymentKey).number("amount_refunded")).isZero();
        SimulatorHttp.Response again = sim.cancelRefund(refundKey);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("refund_not_cancelable");

        String done = key();
        sim.refund(captured("4242424242424242"), done, 100, Map.of());
        assertThat(sim.cancelRefund(done).errorCode()).isEqualTo("refund_not_cancelable");
        assertThat(sim.refundOf(done).text("status")).isEqualTo("succeeded");
        SimulatorHttp.Response unknown = sim.cancelRefund(key());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("resource_missing");
        // A refund the request itself changed is not notified.
        assertThat(sim.webhookDeliveries().data()).noneMatch(d -> d.path("type").asString().startsWith("refund."));
    }

    @Test
    void upiAndNetBankingPaymentsRefundLikeCards() {
        String upi = key();
        sim.post(PAYMENTS, upi, payment(Map.of("type", "upi", "vpa", "success@upi"), true, reference(),
                Map.of("async_delay_ms", "100")));
        awaitStatus(upi, "captured", Duration.ofSeconds(10));
        assertThat(sim.refund(upi, key(), 1999, QUICK).text("status")).isEqualTo("succeeded");

        String bank = key();
        SimulatorHttp.Response waiting = sim.post(PAYMENTS, bank, payment(Map.of("type", "netbanking", "bank",
                "hdfc_success"), true, reference(), Map.of()));
        sim.submitForm("/simulator/bank/" + waiting.text("id") + "/pay");
        assertThat(sim.refund(bank, key(), 999, QUICK).text("status")).isEqualTo("succeeded");
    }

    @Test
    void refundsTakeTheAccountsLatency() {
        String paymentKey = key();
        sim.post(PAYMENTS, paymentKey, payment(cardInstrument("4242424242424242"), true, reference(), Map.of()));
        long started = System.nanoTime();

        SimulatorHttp.Response r = sim.refund(paymentKey, key(), 100, Map.of("latency_ms", "400"));

        assertThat(r.text("status")).isEqualTo("succeeded");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
}

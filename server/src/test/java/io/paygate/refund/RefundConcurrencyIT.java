package io.paygate.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Refunds fired at once on one charge, alone or racing a dispute, never take more than was captured. */
class RefundConcurrencyIT extends PaygateIT {

    @Test
    void concurrentRefundsNeverOverRefund() throws Exception {
        TestMerchant merchant = newMerchant();
        configureSimulator(merchant, "latency_ms", "50");
        String intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "10000", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true").text("id");
        List<HttpApi.Response> answers = race(12, () -> api.post("/v1/refunds", merchant.secretKey(),
                "payment_intent", intent, "amount", "2000"));
        long succeeded = answers.stream().filter(r -> r.status() == 200).count();
        assertThat(succeeded).isEqualTo(5);
        assertThat(answers).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertThat(r.errorCode()).isIn("amount_too_large", "charge_already_refunded"));
        JsonNode charge = api.get("/v1/charges/" + api.get("/v1/payment_intents/" + intent, merchant.secretKey())
                .text("latest_charge"), merchant.secretKey()).json();
        assertThat(charge.path("amount_refunded").asLong()).isEqualTo(10_000);
        long atProcessor = 0;
        for (JsonNode r : api.send("GET", "/simulator/v1/refunds?payment_key=" + charge.path("id").asString(), null,
                Map.of("Simulator-Account", merchant.simulatorAccountId()), null, null).json().path("data")) {
            atProcessor += r.path("amount").asLong();
        }
        assertThat(atProcessor).isEqualTo(10_000);
        assertThat(api.get("/v1/ledger/audit", ADMIN_TOKEN).json().path("ok").asBoolean()).isTrue();
    }

    @Test
    void refundsRacingADisputeNeverOverRefund() throws Exception {
        TestMerchant merchant = newMerchant();
        configureSimulator(merchant, "dispute_delay_ms", "0", "latency_ms", "20");
        for (int round = 0; round < 3; round++) {
            String intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "6000", "currency", "usd",
                    "payment_method", "pm_card_createDispute", "confirm", "true").text("id");
            List<HttpApi.Response> answers = race(6, () -> api.post("/v1/refunds", merchant.secretKey(),
                    "payment_intent", intent, "amount", "1500"));
            JsonNode dispute = Poll.until(Duration.ofSeconds(20), () -> api.get("/v1/disputes", merchant.secretKey(),
                    "payment_intent", intent).json().path("data"), d -> !d.isEmpty(), "the dispute to open").get(0);
            String chargeId = api.get("/v1/payment_intents/" + intent, merchant.secretKey()).text("latest_charge");
            JsonNode charge = api.get("/v1/charges/" + chargeId, merchant.secretKey()).json();
            long refunded = answers.stream().filter(r -> r.status() == 200).mapToLong(r -> r.json().path("amount").asLong()).sum();
            assertThat(refunded).isLessThanOrEqualTo(6000);
            assertThat(charge.path("amount_refunded").asLong()).isEqualTo(refunded);
            assertThat(answers).filteredOn(r -> r.status() != 200)
                    .allSatisfy(r -> assertThat(r.errorCode()).isIn("amount_too_large", "charge_disputed", "charge_already_refunded"));
            assertThat(dispute.path("amount").asLong()).isPositive();
            assertThat(charge.path("disputed").asBoolean()).isTrue();
        }
        assertThat(api.get("/v1/ledger/audit", ADMIN_TOKEN).json().path("ok").asBoolean()).isTrue();
    }

    private static List<HttpApi.Response> race(int racers, java.util.concurrent.Callable<HttpApi.Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpApi.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<HttpApi.Response> out = new ArrayList<>();
            for (Future<HttpApi.Response> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}

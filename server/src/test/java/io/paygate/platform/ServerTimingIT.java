package io.paygate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A request that called the processor says, in {@code Server-Timing}, how long it waited on it. */
class ServerTimingIT extends PaygateIT {

    private static final Pattern PROCESSOR = Pattern.compile("^processor;dur=([0-9.]+);desc=\"(\\d+) calls?\"$");

    @Test
    void aConfirmReportsTheProcessorsShareOfItsTime() {
        TestMerchant merchant = newMerchant();
        configureSimulator(merchant, "latency_ms", "300");
        long started = System.nanoTime();
        HttpApi.Response paid = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "2500", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true");
        double tookMs = (System.nanoTime() - started) / 1e6;
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        Matcher timing = PROCESSOR.matcher(String.valueOf(paid.header("Server-Timing")));
        assertThat(timing.matches()).as("Server-Timing: " + paid.header("Server-Timing")).isTrue();
        double processorMs = Double.parseDouble(timing.group(1));
        assertThat(processorMs).as("the simulator's 300 ms are the processor's").isGreaterThanOrEqualTo(300)
                .isLessThanOrEqualTo(tookMs);
        assertThat(Integer.parseInt(timing.group(2))).isEqualTo(1);

        HttpApi.Response read = api.get("/v1/payment_intents/" + paid.text("id"), merchant.secretKey());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Server-Timing")).as("a read that never reached the processor").isNull();
    }
}

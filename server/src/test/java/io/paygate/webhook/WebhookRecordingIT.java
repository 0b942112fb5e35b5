package io.paygate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.Poll;
import io.paygate.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Attempts are recorded in batches: the results of the attempts that finish within
 * {@code record-delay} of the first go to the database together, and a full batch goes at once.
 * Here the delay is a minute and a batch is three: one attempt's result waits, the third attempt
 * records all three.
 */
@TestPropertySource(properties = {
        "paygate.webhooks.record-delay=PT1M",
        "paygate.webhooks.batch-size=3"})
class WebhookRecordingIT extends ReceiverIT {

    @Autowired
    private WebhookDispatcher dispatcher;

    @Test
    void attemptResultsWaitForTheDelayOrAFullBatch() {
        assertThat(api.post("/v1/webhook_endpoints", merchant.secretKey(), "url", receiver.url("/batched"),
                "enabled_events[]", "customer.created").status()).isEqualTo(200);
        receiver.answer(r -> new WebhookReceiver.Answer(200, 0));
        String endpoint = api.get("/v1/webhook_endpoints", merchant.secretKey()).json().path("data").get(0).path("id").asString();

        assertThat(api.post("/v1/customers", merchant.secretKey(), "email", "first@shop.test").status()).isEqualTo(200);
        String first = Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt("/batched"), r -> r.size() == 1,
                "the first event delivered").getFirst().header("Paygate-Delivery-Id");
        // Answered with 200 and the attempt over, but not recorded: the result waits for the delay or a full batch.
        Poll.until(Duration.ofSeconds(20), dispatcher::unrecordedAttempts, n -> n == 1, "the first attempt made and waiting");
        assertThat(status(endpoint, first)).isEqualTo("pending");

        for (String email : List.of("second@shop.test", "third@shop.test")) {
            assertThat(api.post("/v1/customers", merchant.secretKey(), "email", email).status()).isEqualTo(200);
        }
        List<String> ids = Poll.until(Duration.ofSeconds(20), () -> receiver.receivedAt("/batched"), r -> r.size() == 3,
                "three events delivered").stream().map(r -> r.header("Paygate-Delivery-Id")).toList();
        Poll.until(Duration.ofSeconds(20), () -> ids.stream().filter(id -> status(endpoint, id).equals("succeeded")).count(),
                n -> n == 3, "the full batch recorded well before the minute's delay");
        assertThat(dispatcher.unrecordedAttempts()).isZero();
    }

    private String status(String endpoint, String delivery) {
        return api.get("/v1/webhook_endpoints/" + endpoint + "/deliveries/" + delivery, merchant.secretKey()).text("status");
    }
}

package io.paygate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.Poll;
import io.paygate.support.ServerProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SIGTERM lets requests in flight finish before the process exits. */
class GracefulShutdownIT {

    @Test
    void inFlightPaymentsCompleteWhenTheServerIsStopped() throws Exception {
        String admin = "admin_shutdown_test";
        try (ServerProcess server = new ServerProcess(Files.createTempDirectory("paygate-shutdown-"),
                Map.of("paygate.admin-token", admin, "paygate.demo.enabled", "false")).start()) {
            assertThat(server.log()).as("the start used the build's bean definitions")
                    .contains("Bean definitions prepared by the build are in use");
            HttpApi api = new HttpApi(server.baseUrl());
            JsonNode merchant = api.post("/v1/merchants", admin, "name", "Shutdown shop").json();
            String key = null;
            for (JsonNode k : merchant.path("api_keys")) {
                if (!k.path("livemode").asBoolean() && k.path("type").asString().equals("secret")) {
                    key = k.path("secret").asString();
                }
            }
            String secret = key;
            String account = api.get("/v1/connector_accounts", secret).json().path("data").get(0).path("id").asString();
            api.post("/v1/connector_accounts/" + account, secret, "settings[latency_ms]", "2000");
            CompletableFuture<HttpApi.Response> payment = CompletableFuture.supplyAsync(() -> api.post("/v1/payment_intents",
                    secret, "amount", "1000", "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true"));
            Poll.until(Duration.ofSeconds(10), () -> api.send("GET", "/simulator/v1/payments", null,
                    Map.of("Simulator-Account", account), null, null).json().path("data").size(), n -> n > 0,
                    "the payment to reach the simulator");
            server.terminate(Duration.ofSeconds(30));
            HttpApi.Response answered = payment.get();
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.text("status")).isEqualTo("succeeded");
        }
    }
}

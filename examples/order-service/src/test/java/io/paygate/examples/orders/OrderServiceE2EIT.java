package io.paygate.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order service against a real Paygate process: orders are paid, declined and canceled through
 * stripe-java, and settle only through Paygate's signed webhooks. Each scenario has its own SKU, so
 * the stock numbers it checks before and after belong to it alone.
 */
class OrderServiceE2EIT {

    private static final Duration WEBHOOK_WAIT = Duration.ofSeconds(30);
    private static final List<Product> CATALOGUE = List.of(
            new Product("paid", 1000, "usd", 10), new Product("declined", 1000, "usd", 10),
            new Product("canceled", 1000, "usd", 10), new Product("forged", 1000, "usd", 10),
            new Product("duplicate", 1000, "usd", 10));

    private static PaygateProcess paygate;
    private static OrderService shop;
    private static String secretKey;
    private static String webhookSecret;
    private static String shopUrl;
    /** Declined while the webhook endpoint was switched off: its payment_failed event was never delivered. */
    private static JsonObject undeliveredOrder;

    @BeforeAll
    static void start() throws Exception {
        paygate = new PaygateProcess(Files.createTempDirectory("paygate-e2e-"));
        Http.Response merchant = Http.form(paygate.baseUrl() + "/v1/merchants", PaygateProcess.ADMIN_TOKEN,
                "name", "Order service shop " + UUID.randomUUID(), "email", "orders@shop.test", "country", "US");
        assertThat(merchant.status()).as(merchant.toString()).isEqualTo(200);
        for (JsonElement key : merchant.json().getAsJsonArray("api_keys")) {
            JsonObject k = key.getAsJsonObject();
            if (k.get("type").getAsString().equals("secret") && !k.get("livemode").getAsBoolean()) {
                secretKey = k.get("secret").getAsString();
            }
        }
        assertThat(secretKey).startsWith("sk_test_");

        // The endpoint needs the shop's URL and the shop needs the endpoint's secret: pick the port first.
        int port = PaygateProcess.freePort();
        shopUrl = "http://localhost:" + port;
        List<String> endpoint = new ArrayList<>(List.of("url", shopUrl + "/webhooks"));
        for (String type : Webhooks.EVENT_TYPES) {
            endpoint.addAll(List.of("enabled_events[]", type));
        }
        Http.Response created = Http.form(paygate.baseUrl() + "/v1/webhook_endpoints", secretKey, endpoint.toArray(String[]::new));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        webhookSecret = created.text("secret");
        assertThat(webhookSecret).startsWith("whsec_");
        shop = OrderService.start(new Config(paygate.baseUrl(), secretKey, webhookSecret, port), CATALOGUE);

        String endpointUrl = paygate.baseUrl() + "/v1/webhook_endpoints/" + created.text("id");
        assertThat(Http.form(endpointUrl, secretKey, "disabled", "true").text("status")).isEqualTo("disabled");
        undeliveredOrder = order("duplicate", 4, "pm_card_chargeDeclined").json();
        paymentFailedEvent(undeliveredOrder.get("payment_intent").getAsString());
        assertThat(Http.form(endpointUrl, secretKey, "disabled", "false").text("status")).isEqualTo("enabled");
    }

    @AfterAll
    static void stop() throws Exception {
        if (shop != null) {
            shop.close();
        }
        if (paygate != null) {
            paygate.close();
        }
    }

    @Test
    void aPaidOrderIsConfirmedByTheWebhookAndKeepsItsStock() {
        assertThat(stock("paid")).isEqualTo(10);
        Http.Response placed = order("paid", 2, "pm_card_visa");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        // The answer is built after Paygate answered; a very quick webhook may already have confirmed it.
        assertThat(placed.text("status")).isIn("awaiting_payment", "confirmed");
        assertThat(placed.json().get("amount").getAsLong()).isEqualTo(2000);
        String intent = placed.text("payment_intent");
        assertThat(intent).startsWith("pi_");

        awaitStatus(placed.text("id"), "confirmed");
        assertThat(stock("paid")).isEqualTo(8);
        JsonObject atPaygate = Http.get(paygate.baseUrl() + "/v1/payment_intents/" + intent, secretKey).json();
        assertThat(atPaygate.get("status").getAsString()).isEqualTo("succeeded");
        assertThat(atPaygate.getAsJsonObject("metadata").get("order_id").getAsString()).isEqualTo(placed.text("id"));
    }

    @Test
    void aDeclinedOrderFailsByTheWebhookAndGivesItsStockBack() {
        assertThat(stock("declined")).isEqualTo(10);
        // A decline is a 402 from Paygate, but the order still waits: its outcome arrives as an event like any other.
        Http.Response placed = order("declined", 3, "pm_card_chargeDeclined");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.text("status")).isIn("awaiting_payment", "payment_failed");
        assertThat(placed.text("payment_intent")).startsWith("pi_");

        awaitStatus(placed.text("id"), "payment_failed");
        assertThat(stock("declined")).isEqualTo(10);
    }

    @Test
    void aCanceledOrderEndsCanceledWithItsStockBack() {
        // Without a payment method the intent waits for a browser to confirm it, so it can still be canceled.
        Http.Response placed = order("canceled", 5, null);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.text("client_secret")).startsWith(placed.text("payment_intent") + "_secret_");
        assertThat(stock("canceled")).isEqualTo(5);

        Http.Response cancel = Http.json(shopUrl + "/orders/" + placed.text("id") + "/cancel", "", Map.of());
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        awaitStatus(placed.text("id"), "canceled");
        assertThat(stock("canceled")).isEqualTo(10);
        assertThat(Http.get(paygate.baseUrl() + "/v1/payment_intents/" + placed.text("payment_intent"), secretKey)
                .text("status")).isEqualTo("canceled");
        assertThat(Http.json(shopUrl + "/orders/" + placed.text("id") + "/cancel", "", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aForgedSignatureIsRefusedAndChangesNothing() {
        Http.Response placed = order("forged", 6, null);
        assertThat(stock("forged")).isEqualTo(4);
        String payload = """
                {"id":"evt_forged_%s","object":"event","type":"payment_intent.payment_failed","livemode":false,
                 "created":%d,"data":{"object":{"id":"%s","object":"payment_intent","metadata":{"order_id":"%s"}}}}"""
                .formatted(UUID.randomUUID(), Instant.now().getEpochSecond(), placed.text("payment_intent"), placed.text("id"));

        assertThat(deliver(payload, Signatures.sign(payload, "whsec_forged")).status()).isEqualTo(400);
        assertThat(Http.json(shopUrl + "/webhooks", payload, Map.of()).status()).isEqualTo(400);
        assertThat(deliver(payload + " ", Signatures.sign(payload, webhookSecret)).status()).as("a body changed after signing").isEqualTo(400);
        assertThat(status(placed.text("id"))).isEqualTo("awaiting_payment");
        assertThat(stock("forged")).isEqualTo(4);

        // The same event with the right signature is accepted: only the signature made the difference.
        Http.Response genuine = deliver(payload, Signatures.sign(payload, webhookSecret));
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(200);
        assertThat(status(placed.text("id"))).isEqualTo("payment_failed");
        assertThat(stock("forged")).isEqualTo(10);
    }

    @Test
    void aDuplicateDeliveryChangesNothingTheSecondTime() {
        String orderId = undeliveredOrder.get("id").getAsString();
        assertThat(status(orderId)).isEqualTo("awaiting_payment");
        assertThat(stock("duplicate")).isEqualTo(6);
        String payload = paymentFailedEvent(undeliveredOrder.get("payment_intent").getAsString()).toString();
        String signature = Signatures.sign(payload, webhookSecret);

        Http.Response first = deliver(payload, signature);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text("outcome")).isEqualTo("applied");
        assertThat(status(orderId)).isEqualTo("payment_failed");
        assertThat(stock("duplicate")).isEqualTo(10);

        Http.Response second = deliver(payload, signature);
        assertThat(second.status()).as("a duplicate is acknowledged, or Paygate would retry it").isEqualTo(200);
        assertThat(second.text("outcome")).isEqualTo("duplicate");
        assertThat(status(orderId)).isEqualTo("payment_failed");
        assertThat(stock("duplicate")).isEqualTo(10);
    }

    private static Http.Response order(String sku, int quantity, String paymentMethod) {
        JsonObject body = new JsonObject();
        body.addProperty("sku", sku);
        body.addProperty("quantity", quantity);
        if (paymentMethod != null) {
            body.addProperty("payment_method", paymentMethod);
        }
        return Http.json(shopUrl + "/orders", body.toString(), Map.of());
    }

    /** Paygate's payment_intent.payment_failed event for an intent, as its event log holds it. */
    private static JsonObject paymentFailedEvent(String intent) {
        return Poll.until(WEBHOOK_WAIT, () -> {
            for (JsonElement event : Http.get(paygate.baseUrl() + "/v1/events?type=payment_intent.payment_failed&limit=100",
                    secretKey).json().getAsJsonArray("data")) {
                if (event.getAsJsonObject().getAsJsonObject("data").getAsJsonObject("object").get("id").getAsString().equals(intent)) {
                    return event.getAsJsonObject();
                }
            }
            return null;
        }, e -> e != null, "Paygate to record the decline of " + intent);
    }

    private static Http.Response deliver(String payload, String signature) {
        return Http.json(shopUrl + "/webhooks", payload, Map.of("Stripe-Signature", signature));
    }

    private static void awaitStatus(String orderId, String expected) {
        Poll.until(WEBHOOK_WAIT, () -> status(orderId), expected::equals, "order " + orderId + " to become " + expected);
    }

    private static String status(String orderId) {
        return Http.get(shopUrl + "/orders/" + orderId, null).text("status");
    }

    private static int stock(String sku) {
        return Http.get(shopUrl + "/stock/" + sku, null).json().get("available").getAsInt();
    }
}

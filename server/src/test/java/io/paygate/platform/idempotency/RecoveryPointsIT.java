package io.paygate.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A request that creates a payment intent, confirms one, or creates a refund, a customer or a payment
 * method claims its idempotency key in the transaction that creates its object, naming that object. A
 * retry of a request that died after that transaction (its key never completed, its lease passed)
 * answers the object as it stands, and charges or refunds nothing again. Such a death is set up here by
 * taking a finished request's key back to the state the crash leaves it in.
 */
class RecoveryPointsIT extends PaygateIT {

    private static final String[] CONFIRMED_PAYMENT = {"amount", "1500", "currency", "usd", "payment_method", "pm_card_visa",
            "confirm", "true"};

    @Autowired
    JdbcClient jdbc;

    private TestMerchant merchant;

    @BeforeEach
    void setUp() {
        merchant = newMerchant();
    }

    @Test
    void aPaymentKeyNamesTheIntentItsCreationCommitted() {
        String key = UUID.randomUUID().toString();
        HttpApi.Response first = pay(key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Map<String, Object> row = row(key);
        assertThat(row.get("recovery_object")).isEqualTo(first.text("id"));
        assertThat(row.get("completed")).isEqualTo(true);
    }

    @Test
    void aRetryAfterTheFirstExecutionDiedAnswersTheIntentItCreatedAndChargesNothingAgain() {
        String key = UUID.randomUUID().toString();
        HttpApi.Response first = pay(key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String intent = first.text("id");

        diedAfterItsFirstTransaction(key, System.currentTimeMillis() + 60_000);
        HttpApi.Response whileLeased = pay(key);
        assertThat(whileLeased.status()).as(whileLeased.toString()).isEqualTo(409);
        assertThat(whileLeased.errorType()).isEqualTo("idempotency_error");

        diedAfterItsFirstTransaction(key, System.currentTimeMillis() - 1);
        for (int retry = 0; retry < 2; retry++) {
            HttpApi.Response again = pay(key);
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.text("id")).isEqualTo(intent);
            assertThat(again.text("status")).isEqualTo("succeeded");
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.header("Original-Request")).isEqualTo(first.header("Request-Id"));
        }
        assertThat(intents()).containsExactly(intent);
        assertThat(simulatorPayments()).isEqualTo(1);
    }

    @Test
    void aRetryOfAConfirmationThatDiedAnswersTheIntentAndDoesNotAuthorizeAgain() {
        String intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1500", "currency", "usd",
                "payment_method", "pm_card_chargeDeclined").text("id");
        String key = UUID.randomUUID().toString();
        HttpApi.Response declined = api.post("/v1/payment_intents/" + intent + "/confirm", merchant.secretKey(),
                Map.of("Idempotency-Key", key));
        assertThat(declined.status()).as(declined.toString()).isEqualTo(402);

        diedAfterItsFirstTransaction(key, System.currentTimeMillis() - 1);
        HttpApi.Response again = api.post("/v1/payment_intents/" + intent + "/confirm", merchant.secretKey(),
                Map.of("Idempotency-Key", key));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(intent);
        assertThat(again.text("status")).isEqualTo("requires_payment_method");
        assertThat(simulatorPayments()).isEqualTo(1);
    }

    @Test
    void aRetryOfARefundThatDiedAnswersTheRefundAndRefundsNothingAgain() {
        String intent = pay(UUID.randomUUID().toString()).text("id");
        String key = UUID.randomUUID().toString();
        HttpApi.Response first = refund(intent, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(row(key).get("recovery_object")).isEqualTo(first.text("id"));

        diedAfterItsFirstTransaction(key, System.currentTimeMillis() - 1);
        HttpApi.Response again = refund(intent, key);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        JsonNode refunds = api.get("/v1/refunds", merchant.secretKey(), "payment_intent", intent).json();
        assertThat(refunds.path("data")).hasSize(1);
        assertThat(api.get("/v1/charges/" + first.text("charge"), merchant.secretKey()).json().path("amount_refunded")
                .asLong()).isEqualTo(500);
    }

    @Test
    void aConfirmationThatMakesItsPaymentMethodNamesTheIntent() {
        String intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1500", "currency", "usd").text("id");
        String key = UUID.randomUUID().toString();
        HttpApi.Response confirmed = api.post("/v1/payment_intents/" + intent + "/confirm", merchant.secretKey(),
                Map.of("Idempotency-Key", key), "payment_method_data[type]", "card",
                "payment_method_data[card][number]", "4242424242424242", "payment_method_data[card][exp_month]", "12",
                "payment_method_data[card][exp_year]", "2040");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.text("payment_method")).startsWith("pm_");
        assertThat(row(key).get("recovery_object")).isEqualTo(intent);
    }

    @Test
    void aRetryOfACustomerOrPaymentMethodCreationThatDiedAnswersWhatItCreated() {
        String customerKey = UUID.randomUUID().toString();
        HttpApi.Response customer = api.post("/v1/customers", merchant.secretKey(), Map.of("Idempotency-Key", customerKey),
                "email", "once@shop.test");
        diedAfterItsFirstTransaction(customerKey, System.currentTimeMillis() - 1);
        HttpApi.Response customerAgain = api.post("/v1/customers", merchant.secretKey(),
                Map.of("Idempotency-Key", customerKey), "email", "once@shop.test");
        assertThat(customerAgain.status()).as(customerAgain.toString()).isEqualTo(200);
        assertThat(customerAgain.text("id")).isEqualTo(customer.text("id"));
        assertThat(api.get("/v1/customers", merchant.secretKey()).json().path("data")).hasSize(1);

        String cardKey = UUID.randomUUID().toString();
        String[] card = {"type", "card", "card[number]", "4242424242424242", "card[exp_month]", "12", "card[exp_year]", "2040"};
        HttpApi.Response pm = api.post("/v1/payment_methods", merchant.secretKey(), Map.of("Idempotency-Key", cardKey), card);
        assertThat(row(cardKey).get("recovery_object")).isEqualTo(pm.text("id"));
        diedAfterItsFirstTransaction(cardKey, System.currentTimeMillis() - 1);
        HttpApi.Response pmAgain = api.post("/v1/payment_methods", merchant.secretKey(), Map.of("Idempotency-Key", cardKey), card);
        assertThat(pmAgain.status()).as(pmAgain.toString()).isEqualTo(200);
        assertThat(pmAgain.text("id")).isEqualTo(pm.text("id"));
        assertThat(pmAgain.body()).doesNotContain("4242424242424242");
    }

    @Test
    void aRefundThatCancelsAnAuthorizationClaimsFirstAndNamesTheRefund() {
        String intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1500", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true", "capture_method", "manual").text("id");
        String key = UUID.randomUUID().toString();
        HttpApi.Response first = api.post("/v1/refunds", merchant.secretKey(), Map.of("Idempotency-Key", key),
                "payment_intent", intent);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(row(key).get("recovery_object")).isEqualTo(first.text("id"));
        diedAfterItsFirstTransaction(key, System.currentTimeMillis() - 1);
        HttpApi.Response again = api.post("/v1/refunds", merchant.secretKey(), Map.of("Idempotency-Key", key),
                "payment_intent", intent);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(api.get("/v1/payment_intents/" + intent, merchant.secretKey()).text("status")).isEqualTo("canceled");
    }

    @Test
    void aClaimThatNamesNothingIsRunAgainOnceItsLeasePassed() {
        String key = UUID.randomUUID().toString();
        String intent = pay(key).text("id");
        // A claim with no object named: the request died before its first transaction committed anything.
        diedAfterItsFirstTransaction(key, System.currentTimeMillis() - 1);
        jdbc.sql("update idempotency_keys set recovery_object = null where merchant_id = ? and idem_key = ?")
                .params(merchant.id(), key).update();
        HttpApi.Response again = pay(key);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        assertThat(again.text("id")).isNotEqualTo(intent);
        assertThat(row(key).get("recovery_object")).isEqualTo(again.text("id"));
        assertThat(pay(key).header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void anErrorBeforeAnythingIsCreatedIsStoredAndReplayed() {
        String other = newCustomer();
        String pm = api.post("/v1/payment_methods", merchant.secretKey(), "type", "card", "card[number]", "4242424242424242",
                "card[exp_month]", "12", "card[exp_year]", "2034", "card[cvc]", "123").text("id");
        assertThat(api.post("/v1/payment_methods/" + pm + "/attach", merchant.secretKey(), "customer", other).status())
                .isEqualTo(200);
        String intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1500", "currency", "usd").text("id");
        String key = UUID.randomUUID().toString();
        HttpApi.Response refused = api.post("/v1/payment_intents/" + intent + "/confirm", merchant.secretKey(),
                Map.of("Idempotency-Key", key), "payment_method", pm);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("payment_method_customer_mismatch");
        Map<String, Object> row = row(key);
        assertThat(row.get("completed")).isEqualTo(true);
        assertThat(row.get("recovery_object")).isNull();
        HttpApi.Response replay = api.post("/v1/payment_intents/" + intent + "/confirm", merchant.secretKey(),
                Map.of("Idempotency-Key", key), "payment_method", pm);
        assertThat(replay.body()).isEqualTo(refused.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    }

    private String newCustomer() {
        return api.post("/v1/customers", merchant.secretKey(), "email", "c@shop.test").text("id");
    }

    private HttpApi.Response pay(String key) {
        return api.post("/v1/payment_intents", merchant.secretKey(), Map.of("Idempotency-Key", key), CONFIRMED_PAYMENT);
    }

    private HttpApi.Response refund(String intent, String key) {
        return api.post("/v1/refunds", merchant.secretKey(), Map.of("Idempotency-Key", key), "payment_intent", intent,
                "amount", "500");
    }

    /** The key as a server killed after the request's first transaction leaves it: claimed, never completed. */
    private void diedAfterItsFirstTransaction(String key, long lockedUntil) {
        assertThat(jdbc.sql("""
                update idempotency_keys set completed = false, response_status = null, response_body = null,
                    locked_until_ms = ? where merchant_id = ? and livemode = false and idem_key = ?""")
                .params(lockedUntil, merchant.id(), key).update()).isEqualTo(1);
    }

    private Map<String, Object> row(String key) {
        return jdbc.sql("select completed, recovery_object from idempotency_keys where merchant_id = ? and idem_key = ?")
                .params(merchant.id(), key)
                .query((rs, n) -> {
                    Map<String, Object> out = new HashMap<>();
                    out.put("completed", rs.getBoolean(1));
                    out.put("recovery_object", rs.getString(2));
                    return out;
                }).single();
    }

    private List<String> intents() {
        List<String> out = new ArrayList<>();
        api.get("/v1/payment_intents", merchant.secretKey(), "limit", "100").json().path("data")
                .forEach(p -> out.add(p.path("id").asString()));
        return out;
    }

    private int simulatorPayments() {
        return api.send("GET", "/simulator/v1/payments", null, Map.of("Simulator-Account", merchant.simulatorAccountId()),
                null, null).json().path("data").size();
    }
}

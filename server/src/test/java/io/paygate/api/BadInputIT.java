package io.paygate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks every endpoint with bad input: missing and wrong keys, unknown parameters, malformed and
 * oversized bodies, wrong types, bad amounts, currencies and cards, other merchants' and modes' ids.
 * Each answer must be the right Stripe error object, and afterwards nothing may have been written
 * and nothing may have reached the processor.
 */
class BadInputIT extends PaygateIT {

    private TestMerchant merchant;
    private TestMerchant other;
    private Map<String, String> ids;

    private record Endpoint(String method, String path) {
        String resolve(Map<String, String> ids) {
            String out = path;
            for (Map.Entry<String, String> e : ids.entrySet()) {
                out = out.replace("{" + e.getKey() + "}", e.getValue());
            }
            return out;
        }

        boolean hasId() {
            return path.contains("{");
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/v1/customers"), new Endpoint("GET", "/v1/customers"),
            new Endpoint("GET", "/v1/customers/search"), new Endpoint("GET", "/v1/customers/{cus}"),
            new Endpoint("POST", "/v1/customers/{cus}"), new Endpoint("DELETE", "/v1/customers/{cus}"),
            new Endpoint("GET", "/v1/customers/{cus}/payment_methods"),
            new Endpoint("POST", "/v1/payment_methods"), new Endpoint("GET", "/v1/payment_methods"),
            new Endpoint("GET", "/v1/payment_methods/{pm}"), new Endpoint("POST", "/v1/payment_methods/{pm}"),
            new Endpoint("POST", "/v1/payment_methods/{pm}/attach"), new Endpoint("POST", "/v1/payment_methods/{pm}/detach"),
            new Endpoint("POST", "/v1/payment_intents"), new Endpoint("GET", "/v1/payment_intents"),
            new Endpoint("GET", "/v1/payment_intents/search"), new Endpoint("GET", "/v1/payment_intents/{pi}"),
            new Endpoint("POST", "/v1/payment_intents/{pi}"), new Endpoint("POST", "/v1/payment_intents/{pi}/confirm"),
            new Endpoint("POST", "/v1/payment_intents/{pi}/capture"), new Endpoint("POST", "/v1/payment_intents/{pi}/cancel"),
            new Endpoint("GET", "/v1/charges"), new Endpoint("GET", "/v1/charges/{ch}"),
            new Endpoint("GET", "/v1/events"), new Endpoint("GET", "/v1/events/{evt}"),
            new Endpoint("GET", "/v1/connector_accounts"), new Endpoint("POST", "/v1/connector_accounts"),
            new Endpoint("GET", "/v1/connector_accounts/{ca}"), new Endpoint("POST", "/v1/connector_accounts/{ca}"),
            new Endpoint("POST", "/v1/refunds"), new Endpoint("GET", "/v1/refunds"), new Endpoint("GET", "/v1/refunds/{re}"),
            new Endpoint("POST", "/v1/refunds/{re}"), new Endpoint("POST", "/v1/refunds/{re}/cancel"),
            new Endpoint("GET", "/v1/disputes"), new Endpoint("GET", "/v1/balance"),
            new Endpoint("GET", "/v1/balance_transactions"), new Endpoint("GET", "/v1/balance_transactions/{txn}"));

    @BeforeEach
    void setUp() {
        merchant = newMerchant();
        other = newMerchant();
        String cus = api.post("/v1/customers", other.secretKey(), "email", "o@shop.test").text("id");
        String pm = api.post("/v1/payment_methods", other.secretKey(), "type", "card", "card[number]", "4242424242424242",
                "card[exp_month]", "12", "card[exp_year]", "2040").text("id");
        HttpApi.Response paid = api.post("/v1/payment_intents", other.secretKey(), "amount", "1000", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true");
        String evt = api.get("/v1/events", other.secretKey(), "limit", "1").json().path("data").get(0).path("id").asString();
        HttpApi.Response refund = api.post("/v1/refunds", other.secretKey(), "payment_intent", paid.text("id"), "amount", "100");
        String txn = api.get("/v1/balance_transactions", other.secretKey(), "limit", "1").json().path("data").get(0).path("id").asString();
        ids = Map.of("cus", cus, "pm", pm, "pi", paid.text("id"), "ch", paid.text("latest_charge"), "evt", evt,
                "ca", other.simulatorAccountId(), "re", refund.text("id"), "txn", txn);
    }

    @Test
    void everyEndpointRefusesBadCallsWithStripesErrorObjects() {
        Snapshot before = snapshot();
        for (Endpoint endpoint : ENDPOINTS) {
            String path = endpoint.resolve(ids);
            String label = endpoint.method() + " " + endpoint.path();
            expect(label + " without a key", api.send(endpoint.method(), path, null, Map.of(), null, null), 401, "authentication_error");
            expect(label + " with a wrong key", api.send(endpoint.method(), path, "sk_test_" + "x".repeat(40), Map.of(), null, null),
                    401, "authentication_error");
            if (endpoint.method().equals("GET") || endpoint.method().equals("DELETE")) {
                expect(label + " with an unknown parameter", api.send(endpoint.method(), path + "?bogus_param=1",
                        endpoint.hasId() ? other.secretKey() : merchant.secretKey(), Map.of(), null, null), 400, "invalid_request_error");
            } else {
                String key = endpoint.hasId() ? other.secretKey() : merchant.secretKey();
                expect(label + " with an unknown parameter", api.post(path, key, "bogus_param", "1"), 400, "invalid_request_error");
                expect(label + " with malformed JSON", api.postJson(path, key, "{\"amount\": 10,"), 400, "invalid_request_error");
                expect(label + " with a JSON array body", api.postJson(path, key, "[1,2]"), 400, "invalid_request_error");
                expect(label + " with a broken form body", api.send("POST", path, key, Map.of(),
                        "application/x-www-form-urlencoded", "a[b=1"), 400, "invalid_request_error");
                expect(label + " with a body over 1 MB", api.send("POST", path, key, Map.of(),
                        "application/x-www-form-urlencoded", "description=" + "x".repeat(1024 * 1024 + 10)), 413, "invalid_request_error");
            }
            if (endpoint.hasId()) {
                expect(label + " with another merchant's id", api.send(endpoint.method(), path, merchant.secretKey(), Map.of(),
                        null, null), 404, "invalid_request_error");
                expect(label + " with a live-mode key", api.send(endpoint.method(), path, other.liveSecretKey(), Map.of(),
                        null, null), 404, "invalid_request_error");
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void paymentIntentParametersAreValidatedBeforeAnythingRuns() {
        Snapshot before = snapshot();
        String key = merchant.secretKey();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"currency", "usd"});
        cases.add(new String[] {"amount", "1000"});
        cases.add(new String[] {"amount", "0", "currency", "usd"});
        cases.add(new String[] {"amount", "-5", "currency", "usd"});
        cases.add(new String[] {"amount", "49", "currency", "usd"});
        cases.add(new String[] {"amount", "100000000", "currency", "usd"});
        cases.add(new String[] {"amount", "19.99", "currency", "usd"});
        cases.add(new String[] {"amount", "abc", "currency", "usd"});
        cases.add(new String[] {"amount", "1000", "currency", "xyz"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "confirm", "maybe"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "capture_method", "later"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "payment_method_types[]", "upi"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "payment_method_types[]", "bitcoin"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "customer", "cus_doesnotexist"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "customer", ids.get("cus")});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "payment_method", ids.get("pm"), "confirm", "true"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "confirm", "true"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "metadata[" + "k".repeat(41) + "]", "v"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "metadata[k]", "v".repeat(501)});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "return_url", "not a url"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "statement_descriptor", "x".repeat(23)});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "expand[]", "nonsense"});
        cases.add(new String[] {"amount", "1000", "currency", "usd", "confirm", "true",
                "payment_method_data[type]", "card", "payment_method_data[card][number]", "4242424242424241",
                "payment_method_data[card][exp_month]", "12", "payment_method_data[card][exp_year]", "2040"});
        for (String[] params : cases) {
            HttpApi.Response response = api.post("/v1/payment_intents", key, params);
            assertThat(response.status()).as(String.join(" ", params) + " -> " + response).isIn(400, 402, 404);
            assertThat(response.json().path("error").path("message").asString()).isNotBlank();
            assertThat(response.body()).doesNotContain("4242424242424241");
        }
        List<String[]> metadataCases = new ArrayList<>();
        String[] many = new String[2 + 51 * 2];
        many[0] = "amount";
        many[1] = "1000";
        for (int i = 0; i < 51; i++) {
            many[2 + i * 2] = "metadata[k" + i + "]";
            many[3 + i * 2] = "v";
        }
        metadataCases.add(many);
        for (String[] params : metadataCases) {
            HttpApi.Response response = api.post("/v1/payment_intents", key, params);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void cardsAreValidatedAsAtStripe() {
        Snapshot before = snapshot();
        String key = merchant.secretKey();
        Object[][] cases = {
                {new String[] {"type", "card", "card[number]", "4242424242424241", "card[exp_month]", "12", "card[exp_year]", "2040"}, 402, "incorrect_number"},
                {new String[] {"type", "card", "card[number]", "1234", "card[exp_month]", "12", "card[exp_year]", "2040"}, 402, "incorrect_number"},
                {new String[] {"type", "card", "card[number]", "4242424242424242", "card[exp_month]", "13", "card[exp_year]", "2040"}, 402, "invalid_expiry_month"},
                {new String[] {"type", "card", "card[number]", "4242424242424242", "card[exp_month]", "12", "card[exp_year]", "2001"}, 402, "invalid_expiry_year"},
                {new String[] {"type", "card", "card[number]", "4242424242424242", "card[exp_month]", "12", "card[exp_year]", "2040", "card[cvc]", "12"}, 402, "invalid_cvc"},
                {new String[] {"type", "card", "card[number]", "378282246310005", "card[exp_month]", "12", "card[exp_year]", "2040", "card[cvc]", "123"}, 402, "invalid_cvc"},
                {new String[] {"type", "card", "card[exp_month]", "12", "card[exp_year]", "2040"}, 400, "parameter_missing"},
                {new String[] {"type", "card", "card[number]", "4242424242424242", "card[exp_month]", "twelve", "card[exp_year]", "2040"}, 400, "parameter_invalid"},
                {new String[] {"type", "bitcoin"}, 400, "parameter_invalid"},
                {new String[] {"type", "upi", "upi[vpa]", "not-an-address"}, 400, "parameter_invalid"},
                {new String[] {"type", "netbanking"}, 400, "parameter_missing"},
        };
        for (Object[] c : cases) {
            HttpApi.Response response = api.post("/v1/payment_methods", key, (String[]) c[0]);
            assertThat(response.status()).as(response.toString()).isEqualTo((int) c[1]);
            assertThat(response.errorCode()).as(response.toString()).isEqualTo(c[2]);
            assertThat(response.body()).doesNotContain("4242424242424241").doesNotContain("424242424242424");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void refundsAreValidatedBeforeAnythingMoves() {
        Snapshot before = snapshot();
        String key = merchant.secretKey();
        HttpApi.Response declined = api.post("/v1/payment_intents", other.secretKey(), "amount", "1000", "currency", "usd",
                "payment_method", "pm_card_chargeDeclined", "confirm", "true");
        String failedCharge = declined.json().path("error").path("charge").asString();
        HttpApi.Response mine = api.post("/v1/payment_intents", key, "amount", "1000", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true");
        HttpApi.Response canceled = api.post("/v1/payment_intents", key, "amount", "1000", "currency", "usd");
        api.post("/v1/payment_intents/" + canceled.text("id") + "/cancel", key);
        Snapshot afterSetup = snapshot();
        Object[][] cases = {
                {new String[] {"payment_intent", "pi_unknown"}, 404},
                {new String[] {"charge", ids.get("ch")}, 404},
                {new String[] {"charge", failedCharge}, 404},
                {new String[] {"payment_intent", canceled.text("id")}, 400},
                {new String[] {"payment_intent", mine.text("id"), "amount", "0"}, 400},
                {new String[] {"payment_intent", mine.text("id"), "amount", "-5"}, 400},
                {new String[] {"payment_intent", mine.text("id"), "amount", "1001"}, 400},
                {new String[] {"payment_intent", mine.text("id"), "currency", "eur"}, 400},
                {new String[] {"payment_intent", mine.text("id"), "reason", "boredom"}, 400},
                {new String[] {"payment_intent", mine.text("id"), "charge", mine.text("latest_charge")}, 400},
                {new String[] {}, 400},
        };
        for (Object[] c : cases) {
            HttpApi.Response response = api.post("/v1/refunds", key, (String[]) c[0]);
            assertThat(response.status()).as(String.join(" ", (String[]) c[0]) + " -> " + response).isEqualTo((int) c[1]);
            assertThat(response.errorType()).isEqualTo("invalid_request_error");
        }
        HttpApi.Response failed = api.post("/v1/refunds", other.secretKey(), "charge", failedCharge);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(400);
        assertThat(failed.errorCode()).isEqualTo("charge_not_refundable");
        assertThat(snapshot()).isEqualTo(afterSetup);
        assertThat(before).isNotEqualTo(afterSetup);
    }

    @Test
    void publishableKeysOnlyCreatePaymentMethodsAndConfirmWithTheClientSecret() {
        String pk = merchant.publishableKey();
        expect("pk creates a customer", api.post("/v1/customers", pk, "email", "x@y.z"), 403, "permission_error");
        expect("pk lists intents", api.get("/v1/payment_intents", pk), 403, "permission_error");
        expect("pk creates an intent", api.post("/v1/payment_intents", pk, "amount", "1000", "currency", "usd"), 403, "permission_error");
        HttpApi.Response intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "1000", "currency", "usd");
        String id = intent.text("id");
        expect("pk retrieves without secret", api.get("/v1/payment_intents/" + id, pk), 403, "permission_error");
        expect("pk confirms with a wrong secret", api.post("/v1/payment_intents/" + id + "/confirm", pk,
                "client_secret", id + "_secret_wrong", "payment_method", "pm_card_visa"), 400, "invalid_request_error");
        HttpApi.Response pm = api.post("/v1/payment_methods", pk, "type", "card", "card[number]", "4242424242424242",
                "card[exp_month]", "12", "card[exp_year]", "2040", "card[cvc]", "123");
        assertThat(pm.status()).as(pm.toString()).isEqualTo(200);
        HttpApi.Response confirmed = api.post("/v1/payment_intents/" + id + "/confirm", pk,
                "client_secret", intent.text("client_secret"), "payment_method", pm.text("id"));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("succeeded");
        assertThat(api.get("/v1/payment_intents/" + id, pk, "client_secret", intent.text("client_secret")).status()).isEqualTo(200);
    }

    private void expect(String what, HttpApi.Response response, int status, String type) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(status);
        assertThat(response.errorType()).as(what + ": " + response).isEqualTo(type);
        assertThat(response.json().path("error").path("message").asString()).as(what).isNotBlank();
        assertThat(response.header("Request-Id")).as(what).startsWith("req_");
    }

    private record Snapshot(long events, long intents, long customers, long paymentMethods, long processorPayments,
                            long otherEvents) {
    }

    private Snapshot snapshot() {
        return new Snapshot(count("/v1/events", merchant), count("/v1/payment_intents", merchant),
                count("/v1/customers", merchant), count("/v1/payment_methods", merchant),
                api.send("GET", "/simulator/v1/payments", null, Map.of("Simulator-Account", merchant.simulatorAccountId()),
                        null, null).json().path("data").size(), count("/v1/events", other));
    }

    private long count(String path, TestMerchant owner) {
        return api.get(path, owner.secretKey(), "limit", "100").json().path("data").size();
    }
}

package io.paygate.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.simulator.SimulatorWebhooks;
import io.paygate.connector.spi.Secret;
import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import io.paygate.support.WebhookTestSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Processors' webhooks into {@code POST /v1/webhooks/{connector_account_id}}: the simulator account
 * registers its endpoint itself; forged, re-signed, replayed and malformed webhooks are refused;
 * each event is stored once and processed once; late events are recorded and ignored; failures end
 * dead; the admin API lists and replays them.
 */
class InboundWebhooksIT extends PaygateIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InboundWebhookWorker worker;

    private TestMerchant merchant;
    private String account;
    private Secret secret;

    @BeforeEach
    void setUp() {
        merchant = newMerchant();
        account = merchant.simulatorAccountId();
        secret = registeredSecret(merchant);
    }

    /** Waits until Paygate stored the simulator's secret for the account; answers it as the simulator has it. */
    private Secret registeredSecret(TestMerchant owner) {
        Poll.until(WAIT, () -> api.get("/v1/connector_accounts/" + owner.simulatorAccountId(), owner.secretKey()).json(),
                json -> names(json.path("credentials")).contains("webhook_secret"), "the webhook secret to be stored");
        return Secret.of(jdbc.sql("select secret from sim_webhook_endpoints where account_id = ?")
                .param(owner.simulatorAccountId()).query(String.class).single());
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String event(String id, String type, String keyField, String key, String status) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":" + now()
                + ",\"data\":{\"object\":{\"id\":\"simobj_1\",\"" + keyField + "\":\"" + key + "\",\"status\":\""
                + status + "\"}}}";
    }

    private static String paymentUpdated(String eventId, String chargeId, String status) {
        return event(eventId, "payment.updated", "payment_key", chargeId, status);
    }

    private static String eventId() {
        return "simevt_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String signature(Secret with, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + SimulatorWebhooks.sign(with, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts as the processor does: no API key, a signature header. */
    private HttpApi.Response deliver(String connectorAccount, String body, String signatureHeader) {
        Map<String, String> headers = signatureHeader == null ? Map.of()
                : Map.of(SimulatorWebhooks.SIGNATURE_HEADER, signatureHeader);
        return api.send("POST", "/v1/webhooks/" + connectorAccount, null, headers, "application/json", body);
    }

    private HttpApi.Response deliver(String body) {
        return deliver(account, body, signature(secret, now(), body));
    }

    private JsonNode inbound(String id) {
        HttpApi.Response response = api.get("/v1/inbound_webhooks/" + id, ADMIN_TOKEN);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode awaitInbound(String id, String status) {
        return Poll.until(WAIT, () -> inbound(id), json -> status.equals(json.path("status").asString()),
                "inbound webhook " + id + " to be " + status);
    }

    private List<JsonNode> listed(String... params) {
        HttpApi.Response list = api.get("/v1/inbound_webhooks", ADMIN_TOKEN, params);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.json().path("data").spliterator(), false).toList();
    }

    private List<JsonNode> listedForAccount() {
        return listed("connector_account", account, "limit", "100");
    }

    private static void assertRefused(HttpApi.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorType()).isEqualTo("invalid_request_error");
        assertThat(response.errorCode()).isEqualTo(code);
    }

    private JsonNode paidByCard() {
        HttpApi.Response paid = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "2500", "currency", "usd",
                "payment_method", "pm_card_visa", "confirm", "true");
        assertThat(paid.text("status")).as(paid.toString()).isEqualTo("succeeded");
        return paid.json();
    }

    @Test
    void theSimulatorSendsItsAsynchronousOutcomesAsSignedWebhooks() {
        String url = jdbc.sql("select url from sim_webhook_endpoints where account_id = ?").param(account)
                .query(String.class).single();
        assertThat(url).isEqualTo("http://127.0.0.1:" + port + "/v1/webhooks/" + account);

        HttpApi.Response created = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "50000",
                "currency", "inr", "payment_method_types[]", "upi", "payment_method_data[type]", "upi",
                "payment_method_data[upi][vpa]", "success@upi", "confirm", "true");
        assertThat(created.text("status")).as(created.toString()).isEqualTo("processing");
        pollIntent(merchant, created.text("id"), "succeeded"::equals);

        String charge = api.get("/v1/payment_intents/" + created.text("id"), merchant.secretKey()).text("latest_charge");
        JsonNode received = Poll.until(WAIT, () -> listedForAccount().stream()
                        .filter(w -> w.path("object_key").asString().equals(charge)).findFirst(),
                found -> found.isPresent() && List.of("processed", "ignored").contains(found.get().path("status").asString()),
                "the simulator's payment.updated to be processed").orElseThrow();
        assertThat(received.path("event_type").asString()).isEqualTo("payment.updated");
        assertThat(received.path("kind").asString()).isEqualTo("authorization");
        assertThat(received.path("event_id").asString()).startsWith("simevt_");
        assertThat(received.path("event").path("data").path("object").path("status").asString()).isEqualTo("captured");
    }

    @Test
    void aStoredWebhookWakesTheWorker() {
        long before = worker.wakes();
        String body = paymentUpdated(eventId(), "ch_whatever", "captured");
        HttpApi.Response stored = deliver(account, body, signature(secret, now(), body));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        // The wake follows the insert's commit, before the answer is written.
        assertThat(worker.wakes()).isGreaterThan(before);
    }

    @Test
    void forgedAndWronglySignedWebhooksAreRefusedAndNotStored() {
        String body = paymentUpdated(eventId(), "ch_whatever", "captured");

        assertRefused(deliver(account, body, null), 400, "missing_signature");
        assertRefused(deliver(account, body, "t=" + now() + ",v1=" + "ab".repeat(32)), 400, "bad_signature");
        assertRefused(deliver(account, body, "garbage"), 400, "bad_signature");
        assertRefused(deliver(account, body, signature(Secret.of("simwhsec_not_the_one"), now(), body)), 400,
                "bad_signature");
        String signed = signature(secret, now(), body);
        assertRefused(deliver(account, body.replace("captured", "declined"), signed), 400, "bad_signature");

        assertThat(listedForAccount()).isEmpty();
    }

    @Test
    void anOldOrFutureTimestampIsRefusedAsAReplay() {
        String body = paymentUpdated(eventId(), "ch_whatever", "captured");

        // A minute outside the 5-minute window: one second outside raced the server's clock reading (it
        // could read the next second, and a signature from 301 s ahead was then 300 s ahead, inside it).
        assertRefused(deliver(account, body, signature(secret, now() - 360, body)), 400, "timestamp_outside_tolerance");
        assertRefused(deliver(account, body, signature(secret, now() + 360, body)), 400, "timestamp_outside_tolerance");

        assertThat(listedForAccount()).isEmpty();
    }

    @Test
    void malformedBodiesAndUnknownAccountsAreRefused() {
        assertRefused(deliver("not json at all"), 400, "malformed_payload");
        assertRefused(deliver(event(eventId(), "account.updated", "id", "x", "active")), 400, "malformed_payload");
        assertRefused(deliver("{\"id\":\"simevt_1\",\"object\":\"event\",\"type\":\"payment.updated\",\"created\":1}"),
                400, "malformed_payload");

        String body = paymentUpdated(eventId(), "ch_whatever", "captured");
        HttpApi.Response unknown = deliver("ca_doesnotexist", body, signature(secret, now(), body));
        assertRefused(unknown, 404, "resource_missing");
        assertRefused(deliver("x".repeat(300), body, signature(secret, now(), body)), 404, "resource_missing");

        String huge = "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertRefused(deliver(account, huge, signature(secret, now(), huge)), 413, "request_too_large");
        assertThat(listedForAccount()).isEmpty();
    }

    @Test
    void anEventIsStoredOnceAndProcessedOnce() {
        configureSimulator(merchant, "async_delay_ms", "600000");
        HttpApi.Response pending = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "50000",
                "currency", "inr", "payment_method_types[]", "upi", "payment_method_data[type]", "upi",
                "payment_method_data[upi][vpa]", "success@upi", "confirm", "true");
        assertThat(pending.text("status")).as(pending.toString()).isEqualTo("processing");
        String body = paymentUpdated(eventId(), pending.text("latest_charge"), "captured");

        HttpApi.Response first = deliver(body);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("received").asBoolean()).isTrue();
        assertThat(first.json().path("duplicate").asBoolean()).isFalse();
        String id = first.text("id");
        assertThat(id).startsWith("iw_");
        // Processing asks the simulator, which still says pending: the event was applied, nothing moved.
        JsonNode processed = awaitInbound(id, "processed");
        assertThat(processed.path("last_error").isNull()).isTrue();

        HttpApi.Response again = deliver(body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.text("id")).isEqualTo(id);

        // The repeat was acknowledged, not queued: the one row stays processed, with the attempts it had.
        assertThat(listedForAccount()).hasSize(1);
        JsonNode after = inbound(id);
        assertThat(after.path("status").asString()).isEqualTo("processed");
        assertThat(after.path("attempts").asInt()).isEqualTo(processed.path("attempts").asInt());
        assertThat(after.path("next_attempt_at").isNull()).isTrue();
        assertThat(api.get("/v1/payment_intents/" + pending.text("id"), merchant.secretKey()).text("status"))
                .isEqualTo("processing");
    }

    @Test
    void aLateFailureForASucceededPaymentIsIgnoredAndMovesNothing() {
        JsonNode paid = paidByCard();
        String balance = api.get("/v1/balance", merchant.secretKey()).body();
        int events = api.get("/v1/events", merchant.secretKey(), "limit", "100").json().path("data").size();

        HttpApi.Response late = deliver(paymentUpdated(eventId(), paid.path("latest_charge").asString(), "declined"));
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        JsonNode ignored = awaitInbound(late.text("id"), "ignored");

        assertThat(ignored.path("attempts").asInt()).isEqualTo(1);
        assertThat(ignored.path("event").path("data").path("object").path("status").asString()).isEqualTo("declined");
        HttpApi.Response intent = api.get("/v1/payment_intents/" + paid.path("id").asString(), merchant.secretKey());
        assertThat(intent.text("status")).isEqualTo("succeeded");
        assertThat(api.get("/v1/charges/" + paid.path("latest_charge").asString(), merchant.secretKey()).text("status"))
                .isEqualTo("succeeded");
        assertThat(api.get("/v1/balance", merchant.secretKey()).body()).isEqualTo(balance);
        assertThat(api.get("/v1/events", merchant.secretKey(), "limit", "100").json().path("data").size()).isEqualTo(events);
    }

    @Test
    void aWebhookIsReplayedFromWhatWasStored() {
        JsonNode paid = paidByCard();
        String id = deliver(paymentUpdated(eventId(), paid.path("latest_charge").asString(), "captured")).text("id");
        awaitInbound(id, "ignored");

        HttpApi.Response replayed = api.post("/v1/inbound_webhooks/" + id + "/replay", ADMIN_TOKEN);

        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.text("object")).isEqualTo("inbound_webhook");
        assertThat(replayed.json().path("replays").asInt()).isEqualTo(1);
        JsonNode again = Poll.until(WAIT, () -> inbound(id), json -> json.path("status").asString().equals("ignored")
                && json.path("attempts").asInt() == 1 && json.path("replays").asInt() == 1, "the replay to be processed");
        assertThat(again.path("event_id").asString()).isEqualTo(inbound(id).path("event_id").asString());
        assertRefused(api.post("/v1/inbound_webhooks/iw_doesnotexist/replay", ADMIN_TOKEN), 404, "resource_missing");
    }

    @Test
    void anEventAboutAnUnknownObjectEndsDeadAndCanBeReplayed() {
        HttpApi.Response unknown = deliver(paymentUpdated(eventId(), "ch_neverheardof", "captured"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(200);
        String id = unknown.text("id");

        JsonNode dead = awaitInbound(id, "dead");

        // Three tries (the test servers' setting), the object never turned up.
        assertThat(dead.path("attempts").asInt()).isEqualTo(WebhookTestSettings.INBOUND_UNKNOWN_OBJECT_TRIES);
        assertThat(dead.path("last_error").path("code").asString()).isEqualTo("unknown_object");
        assertThat(dead.path("next_attempt_at").isNull()).isTrue();
        assertThat(listed("connector_account", account, "status", "dead")).extracting(w -> w.path("id").asString())
                .containsExactly(id);

        HttpApi.Response replayed = api.post("/v1/inbound_webhooks/" + id + "/replay", ADMIN_TOKEN);
        assertThat(replayed.text("status")).isIn("pending", "processing");
        JsonNode deadAgain = Poll.until(WAIT, () -> inbound(id), json -> json.path("status").asString().equals("dead")
                && json.path("replays").asInt() == 1, "the replay to end dead again");
        assertThat(deadAgain.path("attempts").asInt()).isEqualTo(WebhookTestSettings.INBOUND_UNKNOWN_OBJECT_TRIES);
    }

    @Test
    void theInboundWebhookApiTakesTheAdminTokenOnly() {
        HttpApi.Response asMerchant = api.get("/v1/inbound_webhooks", merchant.secretKey());
        assertThat(asMerchant.status()).isEqualTo(401);
        assertThat(asMerchant.errorType()).isEqualTo("authentication_error");
        assertThat(api.get("/v1/inbound_webhooks", null).status()).isEqualTo(401);
        assertThat(api.post("/v1/inbound_webhooks/iw_x/replay", merchant.secretKey()).status()).isEqualTo(401);
        assertRefused(api.get("/v1/inbound_webhooks", ADMIN_TOKEN, "status", "lost"), 400, "parameter_invalid");
        assertRefused(api.get("/v1/inbound_webhooks", ADMIN_TOKEN, "bogus", "1"), 400, "parameter_unknown");
        assertRefused(api.get("/v1/inbound_webhooks/iw_doesnotexist", ADMIN_TOKEN), 404, "resource_missing");
    }
}

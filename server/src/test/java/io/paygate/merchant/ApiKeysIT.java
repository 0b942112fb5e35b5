package io.paygate.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Keys: shown once, stored as hashes, rolled with an overlap, revoked, restricted, and modes kept apart. */
class ApiKeysIT extends PaygateIT {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void adminApiNeedsTheAdminToken() {
        assertThat(api.post("/v1/merchants", null, "name", "x").status()).isEqualTo(401);
        assertThat(api.post("/v1/merchants", "wrong", "name", "x").status()).isEqualTo(401);
        TestMerchant merchant = newMerchant();
        assertThat(api.post("/v1/merchants", merchant.secretKey(), "name", "x").status()).isEqualTo(401);
        assertThat(api.get("/v1/merchants/" + merchant.id(), ADMIN_TOKEN).text("object")).isEqualTo("account");
    }

    @Test
    void keysAreShownOnceAndListedRedacted() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response keys = api.get("/v1/api_keys", ADMIN_TOKEN, "merchant", merchant.id());
        assertThat(keys.json().path("data")).hasSize(4);
        assertThat(keys.body()).doesNotContain(merchant.secretKey()).doesNotContain(merchant.publishableKey());
        for (JsonNode key : keys.json().path("data")) {
            assertThat(key.has("secret")).isFalse();
            assertThat(key.path("redacted").asString()).contains("...");
        }
    }

    @Test
    void rollingKeepsTheOldKeyUntilItsExpiry() {
        TestMerchant merchant = newMerchant();
        String oldKeyId = keyId(merchant, "secret", false);
        HttpApi.Response rolled = api.post("/v1/api_keys/" + oldKeyId + "/roll", ADMIN_TOKEN, "expires_in", "3600");
        assertThat(rolled.status()).as(rolled.toString()).isEqualTo(200);
        String fresh = rolled.text("secret");
        assertThat(fresh).startsWith("sk_test_").isNotEqualTo(merchant.secretKey());
        long expiresAt = rolled.json().path("previous_key").path("expires_at").asLong();
        assertThat(expiresAt).isBetween(Instant.now().getEpochSecond() + 3500, Instant.now().getEpochSecond() + 3700);
        assertThat(api.get("/v1/customers", merchant.secretKey()).status()).isEqualTo(200);
        assertThat(api.get("/v1/customers", fresh).status()).isEqualTo(200);

        HttpApi.Response immediate = api.post("/v1/api_keys/" + rolled.text("id") + "/roll", ADMIN_TOKEN);
        assertThat(immediate.status()).as(immediate.toString()).isEqualTo(200);
        assertThat(immediate.json().path("previous_key").path("expires_at").asLong()).as(immediate.toString())
                .isLessThanOrEqualTo(Instant.now().getEpochSecond());
        assertThat(api.get("/v1/customers", fresh).status()).isEqualTo(401);
        assertThat(api.get("/v1/customers", immediate.text("secret")).status()).isEqualTo(200);
    }

    @Test
    void revokedKeysStopWorking() {
        TestMerchant merchant = newMerchant();
        String keyId = keyId(merchant, "secret", false);
        assertThat(api.get("/v1/customers", merchant.secretKey()).status()).as("the key works (and is now cached)").isEqualTo(200);
        assertThat(api.post("/v1/api_keys/" + keyId + "/revoke", ADMIN_TOKEN).status()).isEqualTo(200);
        HttpApi.Response refused = api.get("/v1/customers", merchant.secretKey());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("message").asString()).doesNotContain(merchant.secretKey());
    }

    /**
     * A revocation written by another node (here: straight into the database) reaches this node's
     * cached copy of the key within the cache's time to live (2 s by default).
     */
    @Test
    void aRevocationFromAnotherNodeTakesEffectWithinTheCacheLifetime() {
        TestMerchant merchant = newMerchant();
        String keyId = keyId(merchant, "secret", false);
        assertThat(api.get("/v1/customers", merchant.secretKey()).status()).isEqualTo(200);
        jdbc.sql("update api_keys set revoked_at = ? where id = ?").params(Instant.now().getEpochSecond() - 1, keyId).update();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        int status = api.get("/v1/customers", merchant.secretKey()).status();
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            status = api.get("/v1/customers", merchant.secretKey()).status();
        }
        assertThat(status).as("the key revoked elsewhere is refused within the deadline").isEqualTo(401);
    }

    @Test
    void restrictedKeysDoOnlyWhatTheyAreGranted() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response restricted = api.post("/v1/api_keys", ADMIN_TOKEN, "merchant", merchant.id(), "type", "restricted",
                "name", "reporting", "permissions[customers]", "read", "permissions[payment_intents]", "write");
        assertThat(restricted.status()).as(restricted.toString()).isEqualTo(200);
        String rk = restricted.text("secret");
        assertThat(rk).startsWith("rk_test_");
        assertThat(api.get("/v1/customers", rk).status()).isEqualTo(200);
        HttpApi.Response write = api.post("/v1/customers", rk, "email", "a@b.c");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.errorType()).isEqualTo("permission_error");
        assertThat(api.post("/v1/payment_intents", rk, "amount", "1000", "currency", "usd").status()).isEqualTo(200);
        assertThat(api.get("/v1/events", rk).status()).isEqualTo(403);
        assertThat(api.post("/v1/api_keys", ADMIN_TOKEN, "merchant", merchant.id(), "type", "restricted",
                "permissions[nonsense]", "read").status()).isEqualTo(400);
    }

    @Test
    void testAndLiveModeNeverSeeEachOther() {
        TestMerchant merchant = newMerchant();
        String customer = api.post("/v1/customers", merchant.secretKey(), "email", "t@shop.test").text("id");
        assertThat(api.get("/v1/customers/" + customer, merchant.liveSecretKey()).status()).isEqualTo(404);
        assertThat(api.get("/v1/customers", merchant.liveSecretKey()).json().path("data")).isEmpty();
        HttpApi.Response live = api.post("/v1/customers", merchant.liveSecretKey(), "email", "l@shop.test");
        assertThat(live.json().path("livemode").asBoolean()).isTrue();
        assertThat(api.get("/v1/customers", merchant.secretKey()).json().path("data")).hasSize(1);
        HttpApi.Response livePayment = api.post("/v1/payment_intents", merchant.liveSecretKey(), "amount", "1000",
                "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true");
        assertThat(livePayment.status()).isIn(400, 404);
    }

    private String keyId(TestMerchant merchant, String type, boolean live) {
        for (JsonNode key : api.get("/v1/api_keys", ADMIN_TOKEN, "merchant", merchant.id()).json().path("data")) {
            if (key.path("type").asString().equals(type) && key.path("livemode").asBoolean() == live
                    && key.path("revoked_at").isNull() && key.path("expires_at").isNull()) {
                return key.path("id").asString();
            }
        }
        throw new IllegalStateException("no " + type + " key");
    }
}

package io.paygate.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.Poll;
import io.paygate.support.TestMerchant;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Simulator accounts get their webhook endpoint registered and its secret stored: right after they
 * are created, again after a failed try, and as orphans when nobody did it for a while.
 */
class WebhookEndpointRegistrarIT extends PaygateIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    WebhookEndpointRegistrar registrar;

    private List<String> credentials(TestMerchant merchant, String account) {
        JsonNode json = api.get("/v1/connector_accounts/" + account, merchant.secretKey()).json();
        return StreamSupport.stream(json.path("credentials").spliterator(), false).map(JsonNode::asString).toList();
    }

    private void awaitSecret(TestMerchant merchant, String account) {
        Poll.until(WAIT, () -> credentials(merchant, account), names -> names.contains("webhook_secret"),
                "connector account " + account + " to get its webhook secret");
    }

    private String simulatorSecret(String account) {
        return jdbc.sql("select secret from sim_webhook_endpoints where account_id = ?").param(account)
                .query(String.class).single();
    }

    @Test
    void aNewSimulatorAccountIsRegisteredAtOnce() {
        TestMerchant merchant = newMerchant();

        awaitSecret(merchant, merchant.simulatorAccountId());

        assertThat(jdbc.sql("select url from sim_webhook_endpoints where account_id = ?")
                .param(merchant.simulatorAccountId()).query(String.class).single())
                .isEqualTo(registrar.inboundUrl(merchant.simulatorAccountId()).toString())
                .isEqualTo("http://127.0.0.1:" + port + "/v1/webhooks/" + merchant.simulatorAccountId());
    }

    @Test
    void aFailedRegistrationIsTriedAgain() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response created = api.post("/v1/connector_accounts", merchant.secretKey(), "connector", "simulator",
                "priority", "5", "settings[base_url]", "http://127.0.0.1:1/simulator");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String account = created.text("id");

        // Nothing listens at that address; once the account points at the simulator, a retry gets through.
        Poll.until(WAIT, () -> registrar.retrying(account), Boolean::booleanValue, "the first registration to fail");
        assertThat(credentials(merchant, account)).doesNotContain("webhook_secret");
        HttpApi.Response fixed = api.post("/v1/connector_accounts/" + account, merchant.secretKey(),
                "settings[base_url]", "");
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);

        awaitSecret(merchant, account);
        assertThat(simulatorSecret(account)).startsWith("simwhsec_");
        assertThat(registrar.retrying(account)).isFalse();
    }

    @Test
    void anOrphanIsRegisteredOnlyOnceItIsOld() {
        TestMerchant merchant = newMerchant();
        String account = merchant.simulatorAccountId();
        awaitSecret(merchant, account);
        String secret = simulatorSecret(account);
        HttpApi.Response dropped = api.post("/v1/connector_accounts/" + account, merchant.secretKey(),
                "credentials[webhook_secret]", "");
        assertThat(dropped.status()).as(dropped.toString()).isEqualTo(200);

        registrar.registerPending();
        assertThat(credentials(merchant, account)).doesNotContain("webhook_secret");

        jdbc.sql("update connector_accounts set created = created - 3600 where id = ?").param(account).update();
        registrar.registerPending();

        awaitSecret(merchant, account);
        // The same account and URL register idempotently: the simulator kept signing with the same secret.
        assertThat(simulatorSecret(account)).isEqualTo(secret);
    }
}

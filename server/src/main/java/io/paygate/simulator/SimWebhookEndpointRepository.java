package io.paygate.simulator;

import io.paygate.connector.spi.Secret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code sim_webhook_endpoints}: one per account, replaced with a compare-and-set on the registration key. */
@Repository
class SimWebhookEndpointRepository {

    private static final String COLUMNS = "account_id, url, secret, idem_key, previous_secret, previous_secret_until_ms, created";

    private final JdbcClient jdbc;

    SimWebhookEndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} when the account registered meanwhile. */
    void insert(SimWebhookEndpoint e) {
        jdbc.sql("insert into sim_webhook_endpoints (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")
                .params(e.accountId(), e.url(), e.secret().reveal(), e.idempotencyKey(),
                        e.previousSecret() == null ? null : e.previousSecret().reveal(), e.previousSecretUntilMs(),
                        e.created())
                .update();
    }

    /** Replaces the endpoint set by the registration {@code expectedKey}; false when another replaced it first. */
    boolean replace(SimWebhookEndpoint e, String expectedKey) {
        return jdbc.sql("""
                        update sim_webhook_endpoints set url = ?, secret = ?, idem_key = ?, previous_secret = ?,
                            previous_secret_until_ms = ?, created = ?
                        where account_id = ? and idem_key = ?""")
                .params(e.url(), e.secret().reveal(), e.idempotencyKey(),
                        e.previousSecret() == null ? null : e.previousSecret().reveal(), e.previousSecretUntilMs(),
                        e.created(), e.accountId(), expectedKey)
                .update() == 1;
    }

    Optional<SimWebhookEndpoint> find(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from sim_webhook_endpoints where account_id = ?")
                .param(accountId).query(SimWebhookEndpointRepository::map).optional();
    }

    List<SimWebhookEndpoint> findAll(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", accountIds.stream().map(id -> "?").toList());
        return jdbc.sql("select " + COLUMNS + " from sim_webhook_endpoints where account_id in (" + marks + ")")
                .params(List.copyOf(accountIds)).query(SimWebhookEndpointRepository::map).list();
    }

    private static SimWebhookEndpoint map(ResultSet rs, int row) throws SQLException {
        long until = rs.getLong("previous_secret_until_ms");
        Long previousUntil = rs.wasNull() ? null : until;
        return new SimWebhookEndpoint(rs.getString("account_id"), rs.getString("url"), Secret.of(rs.getString("secret")),
                rs.getString("idem_key"), Secret.ofNullable(rs.getString("previous_secret")), previousUntil,
                rs.getLong("created"));
    }
}

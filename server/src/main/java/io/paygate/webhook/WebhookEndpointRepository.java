package io.paygate.webhook;

import io.paygate.platform.db.InList;
import io.paygate.platform.db.Where;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.vault.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WebhookEndpointRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, url, description, enabled_events, status, api_version, "
            + "metadata, failing_since_ms, disabled_reason, previous_secret_expires_at, created";

    /** The endpoint's signing secrets, sealed: the current one and, while it overlaps, the previous one. */
    record Secrets(SecretBox.Sealed current, SecretBox.Sealed previous, Long previousExpiresAt) {
    }

    private final JdbcClient jdbc;
    private final Json json;

    WebhookEndpointRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(WebhookEndpoint e, SecretBox.Sealed secret) {
        jdbc.sql("insert into webhook_endpoints (" + COLUMNS + ", secret_key_id, secret_nonce, secret_ciphertext) values ("
                        + "?, ".repeat(15) + "?)")
                .params(e.id(), e.merchantId(), e.livemode(), e.url(), e.description(), String.join(",", e.enabledEvents()),
                        e.status(), e.apiVersion(), json.write(e.metadata()), e.failingSinceMs(), e.disabledReason(),
                        e.previousSecretExpiresAt(), e.created(), secret.keyId(), secret.nonce(), secret.ciphertext())
                .update();
    }

    void update(WebhookEndpoint e) {
        jdbc.sql("""
                update webhook_endpoints set url = ?, description = ?, enabled_events = ?, status = ?, metadata = ?,
                    failing_since_ms = ?, disabled_reason = ?
                where id = ?""")
                .params(e.url(), e.description(), String.join(",", e.enabledEvents()), e.status(), json.write(e.metadata()),
                        e.failingSinceMs(), e.disabledReason(), e.id())
                .update();
    }

    void rollSecret(String id, SecretBox.Sealed fresh, long previousExpiresAt) {
        jdbc.sql("""
                update webhook_endpoints set previous_secret_key_id = secret_key_id, previous_secret_nonce = secret_nonce,
                    previous_secret_ciphertext = secret_ciphertext, previous_secret_expires_at = ?,
                    secret_key_id = ?, secret_nonce = ?, secret_ciphertext = ?
                where id = ?""")
                .params(previousExpiresAt, fresh.keyId(), fresh.nonce(), fresh.ciphertext(), id)
                .update();
    }

    void markDeleted(String id) {
        jdbc.sql("update webhook_endpoints set deleted = true, status = 'disabled' where id = ?").param(id).update();
    }

    /** Records an attempt's result on the endpoint: a success clears the failing streak, a failure starts one. */
    void recordOutcome(String id, boolean success, long nowMs) {
        if (success) {
            jdbc.sql("update webhook_endpoints set failing_since_ms = null where id = ? and failing_since_ms is not null")
                    .param(id).update();
        } else {
            jdbc.sql("update webhook_endpoints set failing_since_ms = ? where id = ? and failing_since_ms is null")
                    .params(nowMs, id).update();
        }
    }

    /** Disables the endpoint if it has been failing since before {@code cutoffMs}; true if this call disabled it. */
    boolean disableIfFailingSince(String id, long cutoffMs) {
        return jdbc.sql("""
                update webhook_endpoints set status = 'disabled', disabled_reason = 'failing_deliveries'
                where id = ? and status = 'enabled' and failing_since_ms is not null and failing_since_ms < ?""")
                .params(id, cutoffMs).update() == 1;
    }

    Optional<WebhookEndpoint> find(String merchantId, boolean livemode, String id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where id = ? and deleted = false")
                .param(id).query(this::map).optional().filter(e -> e.merchantId().equals(merchantId) && e.livemode() == livemode);
    }

    Optional<WebhookEndpoint> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where id = ?").param(id).query(this::map).optional();
    }

    List<WebhookEndpoint> enabledFor(String merchantId, boolean livemode) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where merchant_id = ? and livemode = ? and status = 'enabled' and deleted = false")
                .params(merchantId, livemode).query(this::map).list();
    }

    /** An endpoint with its sealed signing secrets, as a batch of deliveries needs it. */
    record WithSecrets(WebhookEndpoint endpoint, Secrets secrets) {
    }

    private static final String SECRET_COLUMNS = """
            , secret_key_id, secret_nonce, secret_ciphertext, previous_secret_key_id, previous_secret_nonce,
            previous_secret_ciphertext""";

    /** The merchant's enabled endpoints with their sealed secrets: what queuing and sending an event needs, in one query. */
    List<WithSecrets> enabledWithSecrets(String merchantId, boolean livemode) {
        return jdbc.sql("select " + COLUMNS + SECRET_COLUMNS
                        + " from webhook_endpoints where merchant_id = ? and livemode = ? and status = 'enabled' and deleted = false")
                .params(merchantId, livemode).query((rs, n) -> new WithSecrets(map(rs, n), secrets(rs))).list();
    }

    /** The endpoints of a batch of deliveries with their secrets, in one query. Missing ids are absent. */
    Map<String, WithSecrets> withSecrets(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        InList in = InList.of(ids);
        Map<String, WithSecrets> out = new HashMap<>();
        jdbc.sql("select " + COLUMNS + SECRET_COLUMNS + " from webhook_endpoints where id in (" + in.placeholders() + ")")
                .params(in.values())
                .query((rs, n) -> new WithSecrets(map(rs, n), secrets(rs)))
                .list().forEach(w -> out.put(w.endpoint().id(), w));
        return out;
    }

    Secrets secrets(String id) {
        return jdbc.sql("""
                select secret_key_id, secret_nonce, secret_ciphertext, previous_secret_key_id, previous_secret_nonce,
                       previous_secret_ciphertext, previous_secret_expires_at from webhook_endpoints where id = ?""")
                .param(id)
                .query((rs, n) -> secrets(rs))
                .single();
    }

    private static Secrets secrets(ResultSet rs) throws SQLException {
        return new Secrets(new SecretBox.Sealed(rs.getString("secret_key_id"), rs.getString("secret_nonce"),
                rs.getString("secret_ciphertext")),
                rs.getString("previous_secret_ciphertext") == null ? null : new SecretBox.Sealed(rs.getString("previous_secret_key_id"),
                        rs.getString("previous_secret_nonce"), rs.getString("previous_secret_ciphertext")),
                rs.getObject("previous_secret_expires_at", Long.class));
    }

    Page<WebhookEndpoint> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from webhook_endpoints", "id", where, page, this::map);
    }

    private WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpoint(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"), rs.getString("url"),
                rs.getString("description"), Arrays.asList(rs.getString("enabled_events").split(",")), rs.getString("status"),
                rs.getString("api_version"), json.readStringMap(rs.getString("metadata")),
                rs.getObject("failing_since_ms", Long.class), rs.getString("disabled_reason"),
                rs.getObject("previous_secret_expires_at", Long.class), rs.getLong("created"));
    }
}

package io.paygate.connector;

import io.paygate.platform.db.Where;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.vault.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ConnectorAccountRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, connector, display_name, settings, credentials_key_id, "
            + "credentials_nonce, credentials_ciphertext, credential_names, status, priority, metadata, created";

    record Row(ConnectorAccountRecord account, SecretBox.Sealed credentials) {
    }

    private final JdbcClient jdbc;
    private final Json json;

    ConnectorAccountRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(ConnectorAccountRecord a, SecretBox.Sealed credentials) {
        jdbc.sql("insert into connector_accounts (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.merchantId(), a.livemode(), a.connector(), a.displayName(), json.write(a.settings()),
                        credentials == null ? null : credentials.keyId(), credentials == null ? null : credentials.nonce(),
                        credentials == null ? null : credentials.ciphertext(), String.join(",", a.credentialNames()),
                        a.status(), a.priority(), json.write(a.metadata()), a.created())
                .update();
    }

    void update(ConnectorAccountRecord a, SecretBox.Sealed credentials) {
        jdbc.sql("""
                update connector_accounts set display_name = ?, settings = ?, credentials_key_id = ?, credentials_nonce = ?,
                    credentials_ciphertext = ?, credential_names = ?, status = ?, priority = ?, metadata = ?
                where id = ?""")
                .params(a.displayName(), json.write(a.settings()), credentials == null ? null : credentials.keyId(),
                        credentials == null ? null : credentials.nonce(), credentials == null ? null : credentials.ciphertext(),
                        String.join(",", a.credentialNames()), a.status(), a.priority(), json.write(a.metadata()), a.id())
                .update();
    }

    Optional<Row> find(String merchantId, boolean livemode, String id) {
        return jdbc.sql("select " + COLUMNS + " from connector_accounts where id = ?")
                .param(id).query(this::map).optional().filter(r -> r.account().merchantId().equals(merchantId) && r.account().livemode() == livemode);
    }

    Optional<Row> findForUpdate(String merchantId, boolean livemode, String id) {
        return jdbc.sql("select " + COLUMNS + " from connector_accounts where id = ? for update")
                .param(id).query(this::map).optional().filter(r -> r.account().merchantId().equals(merchantId) && r.account().livemode() == livemode);
    }

    Optional<Row> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from connector_accounts where id = ?").param(id).query(this::map).optional();
    }

    Optional<Row> findByIdForUpdate(String id) {
        return jdbc.sql("select " + COLUMNS + " from connector_accounts where id = ? for update").param(id).query(this::map)
                .optional();
    }

    /** Accounts of {@code connector} created at or before {@code createdBefore} without the credential {@code name}, oldest first. */
    List<String> withoutCredential(String connector, String name, long createdBefore, int limit) {
        // credential_names is a comma-separated list: pad it with commas so only a whole name matches.
        return jdbc.sql("select id from connector_accounts where connector = ? and created <= ? "
                        + "and (',' || coalesce(credential_names, '') || ',') not like ? escape '!' order by id limit ?")
                .params(connector, createdBefore, "%," + name.replaceAll("([!%_])", "!$1") + ",%", limit)
                .query(String.class).list();
    }

    List<Row> active(String merchantId, boolean livemode) {
        return jdbc.sql("select " + COLUMNS + " from connector_accounts where merchant_id = ? and livemode = ? and status = ?"
                        + " order by priority, id")
                .params(merchantId, livemode, ConnectorAccountRecord.ACTIVE).query(this::map).list();
    }

    Page<Row> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from connector_accounts", "id", where, page, this::map);
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        SecretBox.Sealed sealed = rs.getString("credentials_ciphertext") == null ? null
                : new SecretBox.Sealed(rs.getString("credentials_key_id"), rs.getString("credentials_nonce"),
                rs.getString("credentials_ciphertext"));
        Map<String, String> settings = json.readStringMap(rs.getString("settings"));
        String names = rs.getString("credential_names");
        List<String> credentialNames = names == null || names.isEmpty() ? List.of() : List.of(names.split(","));
        ConnectorAccountRecord account = new ConnectorAccountRecord(rs.getString("id"), rs.getString("merchant_id"),
                rs.getBoolean("livemode"), rs.getString("connector"), rs.getString("display_name"), settings,
                credentialNames, rs.getString("status"), rs.getInt("priority"), json.readStringMap(rs.getString("metadata")),
                rs.getLong("created"));
        return new Row(account, sealed);
    }
}

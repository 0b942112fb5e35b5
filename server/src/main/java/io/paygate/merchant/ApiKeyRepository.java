package io.paygate.merchant;

import io.paygate.platform.json.Json;
import io.paygate.platform.security.KeyKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, kind, redacted, name, permissions, created, expires_at, revoked_at";

    private final JdbcClient jdbc;
    private final Json json;

    ApiKeyRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(ApiKey key, String hash) {
        jdbc.sql("insert into api_keys (" + COLUMNS + ", key_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key.id(), key.merchantId(), key.livemode(), key.kind().name(), key.redacted(), key.name(),
                        key.permissions().isEmpty() ? null : json.write(key.permissions()), key.created(),
                        key.expiresAt(), key.revokedAt(), hash)
                .update();
    }

    Optional<ApiKey> findByHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where key_hash = ?").param(hash).query(this::map).optional();
    }

    Optional<ApiKey> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where id = ?").param(id).query(this::map).optional();
    }

    List<ApiKey> listByMerchant(String merchantId) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where merchant_id = ? order by id desc")
                .param(merchantId).query(this::map).list();
    }

    boolean setExpiry(String id, long expiresAt) {
        return jdbc.sql("update api_keys set expires_at = ? where id = ? and revoked_at is null and (expires_at is null or expires_at > ?)")
                .params(expiresAt, id, expiresAt).update() == 1;
    }

    boolean revoke(String id, long at) {
        return jdbc.sql("update api_keys set revoked_at = ? where id = ? and revoked_at is null").params(at, id).update() == 1;
    }

    private ApiKey map(ResultSet rs, int row) throws SQLException {
        String permissions = rs.getString("permissions");
        return new ApiKey(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"),
                KeyKind.valueOf(rs.getString("kind")), rs.getString("redacted"), rs.getString("name"),
                permissions == null ? java.util.Map.of() : json.readStringMap(permissions), rs.getLong("created"),
                (Long) rs.getObject("expires_at", Long.class), (Long) rs.getObject("revoked_at", Long.class));
    }
}

package io.paygate.merchant;

import io.paygate.platform.db.Where;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MerchantRepository {

    private static final String COLUMNS = "id, name, email, country, default_currency, demo, metadata, created";

    private final JdbcClient jdbc;
    private final Json json;

    MerchantRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Merchant merchant) {
        jdbc.sql("insert into merchants (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(merchant.id(), merchant.name(), merchant.email(), merchant.country(), merchant.defaultCurrency(),
                        merchant.demo(), json.write(merchant.metadata()), merchant.created())
                .update();
    }

    Optional<Merchant> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from merchants where id = ?").param(id).query(this::map).optional();
    }

    Optional<Merchant> findDemo() {
        return jdbc.sql("select " + COLUMNS + " from merchants where demo = true order by id limit 1").query(this::map).optional();
    }

    Page<Merchant> list(PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from merchants", "id", new Where(), page, this::map);
    }

    private Merchant map(ResultSet rs, int row) throws SQLException {
        return new Merchant(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("country"),
                rs.getString("default_currency"), rs.getBoolean("demo"), json.readStringMap(rs.getString("metadata")),
                rs.getLong("created"));
    }
}

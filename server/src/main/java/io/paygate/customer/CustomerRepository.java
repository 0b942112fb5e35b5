package io.paygate.customer;

import io.paygate.platform.db.Where;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CustomerRepository {

    static final String COLUMNS = "id, merchant_id, livemode, email, name, phone, description, address, shipping, "
            + "default_payment_method, metadata, deleted, created";

    private final JdbcClient jdbc;
    private final Json json;

    CustomerRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Customer c) {
        jdbc.sql("insert into customers (" + COLUMNS + ", email_lower) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.merchantId(), c.livemode(), c.email(), c.name(), c.phone(), c.description(),
                        writeNullable(c.address()), writeNullable(c.shipping()), c.defaultPaymentMethod(),
                        json.write(c.metadata()), c.deleted(), c.created(), lower(c.email()))
                .update();
    }

    void update(Customer c) {
        jdbc.sql("""
                update customers set email = ?, email_lower = ?, name = ?, phone = ?, description = ?, address = ?,
                    shipping = ?, default_payment_method = ?, metadata = ?, deleted = ?
                where id = ?""")
                .params(c.email(), lower(c.email()), c.name(), c.phone(), c.description(), writeNullable(c.address()),
                        writeNullable(c.shipping()), c.defaultPaymentMethod(), json.write(c.metadata()), c.deleted(), c.id())
                .update();
    }

    Optional<Customer> find(String merchantId, boolean livemode, String id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from customers where id = ?" + (forUpdate ? " for update" : ""))
                .param(id).query(this::map).optional().filter(c -> c.merchantId().equals(merchantId) && c.livemode() == livemode);
    }

    Page<Customer> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from customers", "id", where, page, this::map);
    }

    /** The searchable form of an email: search by email ignores case, and this column is indexed. */
    static String lower(String email) {
        return email == null ? null : email.toLowerCase(java.util.Locale.ROOT);
    }

    private String writeNullable(Map<String, Object> value) {
        return value == null ? null : json.write(value);
    }

    private Customer map(ResultSet rs, int row) throws SQLException {
        String address = rs.getString("address");
        String shipping = rs.getString("shipping");
        return new Customer(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"),
                rs.getString("email"), rs.getString("name"), rs.getString("phone"), rs.getString("description"),
                address == null ? null : json.readMap(address), shipping == null ? null : json.readMap(shipping),
                rs.getString("default_payment_method"), json.readStringMap(rs.getString("metadata")),
                rs.getBoolean("deleted"), rs.getLong("created"));
    }
}

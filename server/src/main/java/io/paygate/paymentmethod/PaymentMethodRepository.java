package io.paygate.paymentmethod;

import io.paygate.platform.db.HeldWrites;
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
class PaymentMethodRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, type, customer_id, card_brand, card_last4, "
            + "card_exp_month, card_exp_year, card_funding, card_country, card_fingerprint, card_vault_id, card_cvc_check, "
            + "upi_vpa, netbanking_bank, billing_details, metadata, created";

    private final JdbcClient jdbc;
    private final HeldWrites writes;
    private final Json json;

    PaymentMethodRepository(JdbcClient jdbc, HeldWrites writes, Json json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    void insert(PaymentMethod pm) {
        PaymentMethod.Card card = pm.card();
        writes.update("insert into payment_methods (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                pm.id(), pm.merchantId(), pm.livemode(), pm.type(), pm.customerId(),
                card == null ? null : card.brand(), card == null ? null : card.last4(),
                card == null ? null : card.expMonth(), card == null ? null : card.expYear(),
                card == null ? null : card.funding(), card == null ? null : card.country(),
                card == null ? null : card.fingerprint(), card == null ? null : card.vaultId(),
                card == null ? null : card.cvcCheck(), pm.upiVpa(), pm.netbankingBank(),
                json.write(pm.billingDetails()), json.write(pm.metadata()), pm.created());
    }

    void update(PaymentMethod pm) {
        PaymentMethod.Card card = pm.card();
        jdbc.sql("""
                update payment_methods set customer_id = ?, card_exp_month = ?, card_exp_year = ?, card_cvc_check = ?,
                    billing_details = ?, metadata = ?
                where id = ?""")
                .params(pm.customerId(), card == null ? null : card.expMonth(), card == null ? null : card.expYear(),
                        card == null ? null : card.cvcCheck(), json.write(pm.billingDetails()), json.write(pm.metadata()), pm.id())
                .update();
    }

    /**
     * Sets the security code's verdict on the merchant's card if it is still {@code unchecked}. The
     * WHERE clause names the primary key alone and the owner is checked on the row: with the owner
     * columns in the WHERE clause, a plan cached while the table had no statistics may take the
     * (merchant_id, livemode, customer_id, id) index and walk every card of the merchant.
     */
    void recordCvcCheck(String merchantId, boolean livemode, String id, String result) {
        writes.update("update payment_methods set card_cvc_check = case when merchant_id = ? and livemode = ? then ?"
                + " else card_cvc_check end where id = ? and card_cvc_check = 'unchecked'", merchantId, livemode, result, id);
    }

    Optional<PaymentMethod> find(String merchantId, boolean livemode, String id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from payment_methods where id = ?" + (forUpdate ? " for update" : ""))
                .param(id).query(this::map).optional().filter(p -> p.merchantId().equals(merchantId) && p.livemode() == livemode);
    }

    Page<PaymentMethod> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from payment_methods", "id", where, page, this::map);
    }

    private PaymentMethod map(ResultSet rs, int row) throws SQLException {
        PaymentMethod.Card card = null;
        if (rs.getString("card_vault_id") != null) {
            card = new PaymentMethod.Card(rs.getString("card_brand"), rs.getString("card_last4"),
                    rs.getInt("card_exp_month"), rs.getInt("card_exp_year"), rs.getString("card_funding"),
                    rs.getString("card_country"), rs.getString("card_fingerprint"), rs.getString("card_vault_id"),
                    rs.getString("card_cvc_check"));
        }
        return new PaymentMethod(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"),
                rs.getString("type"), rs.getString("customer_id"), card, rs.getString("upi_vpa"),
                rs.getString("netbanking_bank"), json.readMap(rs.getString("billing_details")),
                json.readStringMap(rs.getString("metadata")), rs.getLong("created"));
    }
}

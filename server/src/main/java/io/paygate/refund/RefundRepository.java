package io.paygate.refund;

import io.paygate.platform.db.Where;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefundRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, charge_id, payment_intent_id, amount, fee_reversed, "
            + "currency, processor_state, status, reason, failure_reason, balance_transaction_id, "
            + "failure_balance_transaction_id, connector_account_id, processor_reference, metadata, created, updated_ms, "
            + "next_check_ms, check_count";

    private final JdbcClient jdbc;
    private final Json json;

    RefundRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Refund r, long nowMs, Long nextCheckMs) {
        jdbc.sql("insert into refunds (" + COLUMNS + ") values (" + "?, ".repeat(20) + "?)")
                .params(r.id(), r.merchantId(), r.livemode(), r.chargeId(), r.paymentIntentId(), r.amount(), r.feeReversed(),
                        r.currency(), r.state().name(), r.state().wireStatus(), r.reason(), r.failureReason(),
                        r.balanceTransactionId(), r.failureBalanceTransactionId(), r.connectorAccountId(),
                        r.processorReference(), json.write(r.metadata()), r.created(), nowMs, nextCheckMs, r.checkCount())
                .update();
    }

    void update(Refund r, long nowMs, Long nextCheckMs) {
        jdbc.sql("""
                update refunds set processor_state = ?, status = ?, failure_reason = ?, failure_balance_transaction_id = ?,
                    processor_reference = ?, metadata = ?, updated_ms = ?, next_check_ms = ?, check_count = ?, lease_until_ms = null
                where id = ?""")
                .params(r.state().name(), r.state().wireStatus(), r.failureReason(), r.failureBalanceTransactionId(),
                        r.processorReference(), json.write(r.metadata()), nowMs, nextCheckMs, r.checkCount(), r.id())
                .update();
    }

    void updateMetadata(String id, Map<String, String> metadata) {
        jdbc.sql("update refunds set metadata = ? where id = ?").params(json.write(metadata), id).update();
    }

    Optional<Refund> find(String merchantId, boolean livemode, String id) {
        return jdbc.sql("select " + COLUMNS + " from refunds where id = ?")
                .param(id).query(this::map).optional().filter(r -> r.merchantId().equals(merchantId) && r.livemode() == livemode);
    }

    Optional<Refund> findById(String id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from refunds where id = ?" + (forUpdate ? " for update" : ""))
                .param(id).query(this::map).optional();
    }

    List<Refund> forCharge(String chargeId) {
        return jdbc.sql("select " + COLUMNS + " from refunds where charge_id = ? order by id").param(chargeId).query(this::map).list();
    }

    List<String> due(long nowMs, int limit) {
        return jdbc.sql("select id from refunds where next_check_ms between 0 and ? and (lease_until_ms is null or lease_until_ms < ?)"
                        + " order by next_check_ms limit ?")
                .params(nowMs, nowMs, limit).query(String.class).list();
    }

    boolean claim(String id, long nowMs, long leaseUntilMs) {
        return jdbc.sql("update refunds set lease_until_ms = ? where id = ? and next_check_ms is not null"
                        + " and (lease_until_ms is null or lease_until_ms < ?)")
                .params(leaseUntilMs, id, nowMs).update() == 1;
    }

    Page<Refund> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from refunds", "id", where, page, this::map);
    }

    private Refund map(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"), rs.getString("charge_id"),
                rs.getString("payment_intent_id"), rs.getLong("amount"), rs.getLong("fee_reversed"), rs.getString("currency"),
                RefundState.valueOf(rs.getString("processor_state")), rs.getString("reason"), rs.getString("failure_reason"),
                rs.getString("balance_transaction_id"), rs.getString("failure_balance_transaction_id"),
                rs.getString("connector_account_id"), rs.getString("processor_reference"),
                json.readStringMap(rs.getString("metadata")), rs.getLong("created"), rs.getInt("check_count"));
    }
}

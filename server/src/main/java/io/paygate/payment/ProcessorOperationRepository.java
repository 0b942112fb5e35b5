package io.paygate.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProcessorOperationRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, payment_intent_id, charge_id, operation, amount, "
            + "status, error_code, error_message, created_ms, updated_ms, next_check_ms, check_count";

    private final JdbcClient jdbc;

    ProcessorOperationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ProcessorOperation op) {
        jdbc.sql("insert into processor_operations (" + COLUMNS + ") values (" + "?, ".repeat(13) + "?)")
                .params(op.id(), op.merchantId(), op.livemode(), op.paymentIntentId(), op.chargeId(), op.kind().name(),
                        op.amount(), op.status().name(), op.errorCode(), op.errorMessage(), op.createdMs(), op.updatedMs(),
                        op.nextCheckMs(), op.checkCount())
                .update();
    }

    void update(ProcessorOperation op) {
        jdbc.sql("""
                update processor_operations set status = ?, error_code = ?, error_message = ?, updated_ms = ?,
                    next_check_ms = ?, check_count = ?, lease_until_ms = null
                where id = ?""")
                .params(op.status().name(), op.errorCode(), op.errorMessage(), op.updatedMs(), op.nextCheckMs(),
                        op.checkCount(), op.id())
                .update();
    }

    Optional<ProcessorOperation> findById(String id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from processor_operations where id = ?" + (forUpdate ? " for update" : ""))
                .param(id).query(this::map).optional();
    }

    List<String> due(long nowMs, int limit) {
        return jdbc.sql("select id from processor_operations where next_check_ms between 0 and ?"
                        + " and (lease_until_ms is null or lease_until_ms < ?) order by next_check_ms limit ?")
                .params(nowMs, nowMs, limit).query(String.class).list();
    }

    boolean claim(String id, long nowMs, long leaseUntilMs) {
        return jdbc.sql("update processor_operations set lease_until_ms = ? where id = ? and next_check_ms is not null"
                        + " and (lease_until_ms is null or lease_until_ms < ?)")
                .params(leaseUntilMs, id, nowMs).update() == 1;
    }

    private ProcessorOperation map(ResultSet rs, int row) throws SQLException {
        return new ProcessorOperation(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"),
                rs.getString("payment_intent_id"), rs.getString("charge_id"),
                ProcessorOperation.Kind.valueOf(rs.getString("operation")), rs.getObject("amount", Long.class),
                ProcessorOperation.Status.valueOf(rs.getString("status")), rs.getString("error_code"),
                rs.getString("error_message"), rs.getLong("created_ms"), rs.getLong("updated_ms"),
                rs.getObject("next_check_ms", Long.class), rs.getInt("check_count"));
    }
}

package io.paygate.dispute;

import io.paygate.platform.db.Where;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Lister;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DisputeRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, charge_id, payment_intent_id, amount, fee, currency, "
            + "status, reason, evidence, evidence_due_by, submission_count, funds_withdrawn, funds_reinstated, "
            + "connector_account_id, processor_reference, metadata, created";

    private final JdbcClient jdbc;
    private final Json json;

    DisputeRepository(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Dispute d, long nowMs, Long nextCheckMs) {
        jdbc.sql("insert into disputes (" + COLUMNS + ", updated_ms, next_check_ms) values (" + "?, ".repeat(20) + "?)")
                .params(d.id(), d.merchantId(), d.livemode(), d.chargeId(), d.paymentIntentId(), d.amount(), d.fee(),
                        d.currency(), d.status(), d.reason(), json.write(d.evidence()), d.evidenceDueBy(), d.submissionCount(),
                        d.fundsWithdrawn(), d.fundsReinstated(), d.connectorAccountId(), d.processorReference(),
                        json.write(d.metadata()), d.created(), nowMs, nextCheckMs)
                .update();
    }

    void update(Dispute d, long nowMs, Long nextCheckMs) {
        jdbc.sql("""
                update disputes set amount = ?, fee = ?, status = ?, reason = ?, evidence = ?, evidence_due_by = ?,
                    submission_count = ?, funds_withdrawn = ?, funds_reinstated = ?, metadata = ?, updated_ms = ?,
                    next_check_ms = ?, lease_until_ms = null
                where id = ?""")
                .params(d.amount(), d.fee(), d.status(), d.reason(), json.write(d.evidence()), d.evidenceDueBy(),
                        d.submissionCount(), d.fundsWithdrawn(), d.fundsReinstated(), json.write(d.metadata()), nowMs,
                        nextCheckMs, d.id())
                .update();
    }

    Optional<Dispute> find(String merchantId, boolean livemode, String id) {
        return jdbc.sql("select " + COLUMNS + " from disputes where id = ?")
                .param(id).query(this::map).optional().filter(d -> d.merchantId().equals(merchantId) && d.livemode() == livemode);
    }

    Optional<Dispute> findById(String id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from disputes where id = ?" + (forUpdate ? " for update" : ""))
                .param(id).query(this::map).optional();
    }

    Optional<Dispute> findByReference(String connectorAccountId, String reference, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from disputes where connector_account_id = ? and processor_reference = ?"
                        + (forUpdate ? " for update" : ""))
                .params(connectorAccountId, reference).query(this::map).optional();
    }

    List<String> due(long nowMs, int limit) {
        return jdbc.sql("select id from disputes where next_check_ms between 0 and ? and (lease_until_ms is null or lease_until_ms < ?)"
                        + " order by next_check_ms limit ?")
                .params(nowMs, nowMs, limit).query(String.class).list();
    }

    boolean claim(String id, long nowMs, long leaseUntilMs) {
        return jdbc.sql("update disputes set lease_until_ms = ? where id = ? and next_check_ms is not null"
                        + " and (lease_until_ms is null or lease_until_ms < ?)")
                .params(leaseUntilMs, id, nowMs).update() == 1;
    }

    Page<Dispute> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from disputes", "id", where, page, this::map);
    }

    private Dispute map(ResultSet rs, int row) throws SQLException {
        return new Dispute(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"), rs.getString("charge_id"),
                rs.getString("payment_intent_id"), rs.getLong("amount"), rs.getLong("fee"), rs.getString("currency"),
                rs.getString("status"), rs.getString("reason"), json.readStringMap(rs.getString("evidence")),
                rs.getObject("evidence_due_by", Long.class), rs.getInt("submission_count"), rs.getBoolean("funds_withdrawn"),
                rs.getBoolean("funds_reinstated"), rs.getString("connector_account_id"), rs.getString("processor_reference"),
                json.readStringMap(rs.getString("metadata")), rs.getLong("created"));
    }
}

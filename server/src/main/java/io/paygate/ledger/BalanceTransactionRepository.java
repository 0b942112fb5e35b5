package io.paygate.ledger;

import io.paygate.platform.db.HeldWrites;
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
import tools.jackson.core.type.TypeReference;

@Repository
class BalanceTransactionRepository {

    private static final String COLUMNS = "id, merchant_id, livemode, amount, fee, net, currency, type, reporting_category, "
            + "status, available_on, source_id, description, fee_details, entry_id, created";
    private static final TypeReference<List<Map<String, Object>>> FEE_DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final HeldWrites writes;
    private final Json json;

    BalanceTransactionRepository(JdbcClient jdbc, HeldWrites writes, Json json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    void insert(BalanceTransaction t) {
        writes.update("insert into balance_transactions (" + COLUMNS + ") values (" + "?, ".repeat(15) + "?)",
                t.id(), t.merchantId(), t.livemode(), t.amount(), t.fee(), t.net(), t.currency(), t.type(),
                t.reportingCategory(), t.status(), t.availableOn(), t.sourceId(), t.description(),
                json.write(t.feeDetails()), t.entryId(), t.created());
    }

    Optional<BalanceTransaction> find(String merchantId, boolean livemode, String id) {
        return jdbc.sql("select " + COLUMNS + " from balance_transactions where id = ?")
                .param(id).query(this::map).optional().filter(t -> t.merchantId().equals(merchantId) && t.livemode() == livemode);
    }

    /** Pending charge lines due to become available, claimed one by one by flipping their status. */
    List<BalanceTransaction> dueForRelease(long nowSeconds, int limit) {
        return jdbc.sql("select " + COLUMNS + " from balance_transactions where status = 'pending' and available_on <= ? order by available_on limit ?")
                .params(nowSeconds, limit).query(this::map).list();
    }

    boolean markAvailable(String id) {
        return jdbc.sql("update balance_transactions set status = 'available' where id = ? and status = 'pending'").param(id).update() == 1;
    }

    Page<BalanceTransaction> page(Where where, PageRequest page) {
        return Lister.page(jdbc, "select " + COLUMNS + " from balance_transactions", "id", where, page, this::map);
    }

    private BalanceTransaction map(ResultSet rs, int row) throws SQLException {
        return new BalanceTransaction(rs.getString("id"), rs.getString("merchant_id"), rs.getBoolean("livemode"),
                rs.getLong("amount"), rs.getLong("fee"), rs.getLong("net"), rs.getString("currency"), rs.getString("type"),
                rs.getString("reporting_category"), rs.getString("status"), rs.getLong("available_on"),
                rs.getString("source_id"), rs.getString("description"),
                json.mapper().readValue(rs.getString("fee_details"), FEE_DETAILS), rs.getString("entry_id"),
                rs.getLong("created"));
    }
}

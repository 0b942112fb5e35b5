package io.paygate.ledger;

import io.paygate.platform.db.Where;
import io.paygate.platform.pagination.CreatedRange;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RangeFilter;
import org.springframework.stereotype.Service;

/** Reads of the merchant's balance transactions. */
@Service
public class LedgerQueries {

    private final BalanceTransactionRepository transactions;

    LedgerQueries(BalanceTransactionRepository transactions) {
        this.transactions = transactions;
    }

    /** The balance transactions a refund, dispute or charge caused, oldest first. */
    public java.util.List<BalanceTransaction> forSource(String merchantId, boolean livemode, String sourceId) {
        Where where = Where.of("merchant_id = ? and livemode = ? and source_id = ?", merchantId, livemode, sourceId);
        java.util.List<BalanceTransaction> out = new java.util.ArrayList<>(
                transactions.page(where, new PageRequest(100, null, null)).data());
        java.util.Collections.reverse(out);
        return out;
    }

    public Page<BalanceTransaction> list(CallContext ctx, String type, RangeFilter created, String source, String currency,
                                         PageRequest page) {
        Where where = Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode());
        if (type != null) {
            where.and("type = ?", type);
        }
        if (source != null) {
            where.and("source_id = ?", source);
        }
        if (currency != null) {
            where.and("currency = ?", currency.toLowerCase(java.util.Locale.ROOT));
        }
        CreatedRange.apply(where, "id", "txn", created);
        return transactions.page(where, page);
    }
}

package io.paygate.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Checks the ledger against itself: every journal entry balances per currency, every account's
 * maintained posted totals equal the sum of its postings, and its pending totals equal its open
 * pending transfers. Runs on a schedule (problems are logged and counted in the
 * {@code paygate_ledger_audit_problems} gauge) and on demand from the admin API.
 */
@Service
public class LedgerAudit {

    private static final Logger log = LoggerFactory.getLogger(LedgerAudit.class);

    public record Result(List<Map<String, Object>> unbalancedEntries, List<Map<String, Object>> mismatchedAccounts) {
        public boolean ok() {
            return unbalancedEntries.isEmpty() && mismatchedAccounts.isEmpty();
        }

        public Map<String, Object> render() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("object", "ledger_audit");
            out.put("ok", ok());
            out.put("unbalanced_entries", unbalancedEntries);
            out.put("mismatched_accounts", mismatchedAccounts);
            return out;
        }
    }

    private final JdbcClient jdbc;
    private final AtomicLong problems = new AtomicLong();

    LedgerAudit(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        meters.gauge("paygate_ledger_audit_problems", problems);
    }

    public Result run() {
        List<Map<String, Object>> unbalanced = jdbc.sql("""
                select entry_id, currency, sum(debit) - sum(credit) as difference from postings
                group by entry_id, currency having sum(debit) <> sum(credit)""")
                .query((rs, n) -> Map.<String, Object>of("entry", rs.getString(1), "currency", rs.getString(2),
                        "difference", rs.getLong(3)))
                .list();
        List<Map<String, Object>> mismatched = jdbc.sql("""
                select a.id, a.debits_posted, a.credits_posted, coalesce(p.d, 0), coalesce(p.c, 0),
                       a.debits_pending, a.credits_pending, coalesce(t.d, 0), coalesce(t.c, 0)
                from (select a.id,
                        a.debits_posted + coalesce(s.debits_posted, 0) as debits_posted,
                        a.credits_posted + coalesce(s.credits_posted, 0) as credits_posted,
                        a.debits_pending + coalesce(s.debits_pending, 0) as debits_pending,
                        a.credits_pending + coalesce(s.credits_pending, 0) as credits_pending
                    from ledger_accounts a
                    left join (select account_id, sum(debits_posted) as debits_posted, sum(credits_posted) as credits_posted,
                            sum(debits_pending) as debits_pending, sum(credits_pending) as credits_pending
                        from ledger_balance_slices group by account_id) s on s.account_id = a.id) a
                left join (select account_id, sum(debit) as d, sum(credit) as c from postings group by account_id) p
                    on p.account_id = a.id
                left join (select x.account_id, sum(x.d) as d, sum(x.c) as c from (
                        select debit_account_id as account_id, amount as d, 0 as c from pending_transfers where status = 'pending'
                        union all
                        select credit_account_id as account_id, 0 as d, amount as c from pending_transfers where status = 'pending'
                    ) x group by x.account_id) t on t.account_id = a.id
                where a.debits_posted <> coalesce(p.d, 0) or a.credits_posted <> coalesce(p.c, 0)
                   or a.debits_pending <> coalesce(t.d, 0) or a.credits_pending <> coalesce(t.c, 0)""")
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("account", rs.getString(1));
                    row.put("debits_posted", rs.getLong(2));
                    row.put("postings_debits", rs.getLong(4));
                    row.put("credits_posted", rs.getLong(3));
                    row.put("postings_credits", rs.getLong(5));
                    row.put("debits_pending", rs.getLong(6));
                    row.put("open_pending_debits", rs.getLong(8));
                    row.put("credits_pending", rs.getLong(7));
                    row.put("open_pending_credits", rs.getLong(9));
                    return row;
                })
                .list();
        Result result = new Result(unbalanced, mismatched);
        problems.set(unbalanced.size() + mismatched.size());
        return result;
    }

    @Scheduled(fixedDelayString = "${paygate.ledger.audit-interval:PT1H}", initialDelayString = "PT1M")
    void scheduledAudit() {
        Result result = run();
        if (!result.ok()) {
            log.error("Ledger audit found {} unbalanced entries and {} accounts whose totals differ from their postings: {}",
                    result.unbalancedEntries().size(), result.mismatchedAccounts().size(), result.render());
        }
    }
}

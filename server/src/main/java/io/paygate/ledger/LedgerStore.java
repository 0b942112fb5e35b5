package io.paygate.ledger;

import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledger persistence: accounts with their maintained balance columns, append-only entries and
 * postings, and two-phase pending transfers. Balance columns change only here, in the transaction
 * that writes the postings or transfers behind them, touching accounts in id order so that
 * concurrent movements cannot deadlock.
 */
@Repository
class LedgerStore {

    /** The maintained totals of an account. */
    record Balances(String id, String currency, AccountKind kind, long debitsPending, long creditsPending,
                    long debitsPosted, long creditsPosted) {
        long posted() {
            return kind.balance(debitsPosted, creditsPosted);
        }

        long pending() {
            return kind.balance(debitsPending, creditsPending);
        }
    }

    record PendingTransfer(String id, String debitAccountId, String creditAccountId, String currency, long amount,
                           String status, long postedAmount) {
    }

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate savepoint;
    private final Map<String, String> knownAccounts = new ConcurrentHashMap<>();

    LedgerStore(JdbcClient jdbc, Ids ids, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The account's id, creating the account on first use (inside a savepoint, so a racing creator is harmless). */
    String account(String ownerId, boolean livemode, String currency, AccountKind kind) {
        String key = kind.ownerType() + "/" + ownerId + "/" + livemode + "/" + currency + "/" + kind.name();
        String known = knownAccounts.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> existing = findAccount(ownerId, livemode, currency, kind);
        if (existing.isPresent()) {
            remember(key, existing.get());
            return existing.get();
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                    insert into ledger_accounts (id, owner_type, owner_id, livemode, currency, kind, created)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(ids.next("la"), kind.ownerType(), ownerId, livemode, currency, kind.name(),
                            clock.instant().getEpochSecond())
                    .update());
        } catch (DuplicateKeyException raced) {
            // Another transaction created it first; use that one.
        }
        String id = findAccount(ownerId, livemode, currency, kind).orElseThrow();
        remember(key, id);
        return id;
    }

    /**
     * Account ids never change once committed, so the hot path (three lookups per payment) asks the
     * database only the first time. An id is remembered after its transaction commits, never before:
     * an account created by a transaction that rolls back does not exist.
     */
    private void remember(String key, String id) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    knownAccounts.put(key, id);
                }
            });
        } else {
            knownAccounts.put(key, id);
        }
    }

    Optional<String> findAccount(String ownerId, boolean livemode, String currency, AccountKind kind) {
        return jdbc.sql("select id from ledger_accounts where owner_type = ? and owner_id = ? and livemode = ? and currency = ? and kind = ?")
                .params(kind.ownerType(), ownerId, livemode, currency, kind.name()).query(String.class).optional();
    }

    void post(JournalEntry entry) {
        jdbc.sql("insert into journal_entries (id, merchant_id, livemode, kind, source_id, description, created) values (?, ?, ?, ?, ?, ?, ?)")
                .params(entry.id(), entry.merchantId(), entry.livemode(), entry.kind(), entry.sourceId(), entry.description(),
                        entry.created())
                .update();
        int seq = 0;
        for (Posting p : entry.postings()) {
            jdbc.sql("insert into postings (entry_id, seq, account_id, currency, debit, credit) values (?, ?, ?, ?, ?, ?)")
                    .params(entry.id(), seq++, p.accountId(), p.currency(), p.debit(), p.credit())
                    .update();
        }
        Map<String, long[]> totals = new TreeMap<>();
        for (Posting p : entry.postings()) {
            long[] t = totals.computeIfAbsent(p.accountId(), k -> new long[2]);
            t[0] = Math.addExact(t[0], p.debit());
            t[1] = Math.addExact(t[1], p.credit());
        }
        totals.forEach((account, t) -> jdbc.sql(
                        "update ledger_accounts set debits_posted = debits_posted + ?, credits_posted = credits_posted + ? where id = ?")
                .params(t[0], t[1], account).update());
    }

    void createPending(String id, String merchantId, boolean livemode, String debitAccount, String creditAccount,
                       String currency, long amount, String sourceId) {
        jdbc.sql("""
                insert into pending_transfers (id, merchant_id, livemode, debit_account_id, credit_account_id, currency, amount,
                    status, source_id, created) values (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""")
                .params(id, merchantId, livemode, debitAccount, creditAccount, currency, amount, sourceId,
                        clock.instant().getEpochSecond())
                .update();
        adjustPending(debitAccount, creditAccount, amount);
    }

    Optional<PendingTransfer> openPendingFor(String sourceId) {
        return jdbc.sql("""
                select id, debit_account_id, credit_account_id, currency, amount, status, posted_amount
                from pending_transfers where source_id = ? and status = 'pending' for update""")
                .param(sourceId)
                .query((rs, n) -> new PendingTransfer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getLong(7)))
                .optional();
    }

    /** Closes a pending transfer: posted (for {@code postedAmount}, the rest released) or voided (all released). */
    void closePending(PendingTransfer transfer, String status, long postedAmount) {
        int changed = jdbc.sql("update pending_transfers set status = ?, posted_amount = ?, resolved = ? where id = ? and status = 'pending'")
                .params(status, postedAmount, clock.instant().getEpochSecond(), transfer.id()).update();
        if (changed != 1) {
            throw new IllegalStateException("pending transfer " + transfer.id() + " is no longer pending");
        }
        adjustPending(transfer.debitAccountId(), transfer.creditAccountId(), -transfer.amount());
    }

    private void adjustPending(String debitAccount, String creditAccount, long amount) {
        List<String> ordered = List.of(debitAccount, creditAccount).stream().sorted(Comparator.naturalOrder()).toList();
        for (String account : ordered) {
            if (account.equals(debitAccount)) {
                jdbc.sql("update ledger_accounts set debits_pending = debits_pending + ? where id = ?").params(amount, account).update();
            } else {
                jdbc.sql("update ledger_accounts set credits_pending = credits_pending + ? where id = ?").params(amount, account).update();
            }
        }
    }

    List<Balances> accountsOf(String ownerId, boolean livemode, AccountKind... kinds) {
        return jdbc.sql("""
                select id, currency, kind, debits_pending, credits_pending, debits_posted, credits_posted
                from ledger_accounts where owner_id = ? and livemode = ? order by currency, kind""")
                .params(ownerId, livemode)
                .query((rs, n) -> new Balances(rs.getString(1), rs.getString(2), AccountKind.valueOf(rs.getString(3)),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list().stream().filter(b -> List.of(kinds).contains(b.kind())).toList();
    }
}

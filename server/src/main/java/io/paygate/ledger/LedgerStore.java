package io.paygate.ledger;

import io.paygate.platform.db.HeldWrites;
import io.paygate.platform.db.Transactions;
import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledger persistence: accounts with their maintained balance columns, append-only entries and
 * postings, and two-phase pending transfers. Balance columns change only here, in the transaction
 * that writes the postings or transfers behind them.
 *
 * <p>A merchant's few accounts are touched by every one of its payments, so their balances are the
 * hottest rows in the database: whoever updates one holds its lock until commit. Two things keep
 * payments from queueing on them. The balance changes a transaction makes are collected and applied
 * just before it commits, so a lock is held for the commit alone rather than for the rest of the
 * payment's work. And they are applied to one of {@value #SLICES} slices of each account
 * ({@code ledger_balance_slices}); an account's balance is its row's columns plus the sum of its
 * slices. A transaction takes a slice no other transaction of this node holds (more slices than the
 * connection pool has connections), and gives it back when it ends, so this node's payments never
 * wait on each other's balance rows; only another node's transaction can share its slice. Slices
 * are touched in (account, slice) order, so concurrent movements cannot deadlock. A read of balances
 * inside the transaction applies its changes first, so it sees them.
 */
@Repository
class LedgerStore {

    /** Rows each account's balance is spread over: more than a node's pool has connections. */
    static final int SLICES = 32;

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
    private final HeldWrites writes;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate savepoint;
    private final Map<String, String> knownAccounts = new ConcurrentHashMap<>();
    /** Per account, a bit for each slice known to exist (slices are never deleted). */
    private final Map<String, Integer> knownSlices = new ConcurrentHashMap<>();
    /** Key of the current transaction's {@link Deltas}. */
    private final Object deltasKey = new Object();
    /** Slices no transaction of this node holds, in a random order per node (so that nodes start apart). */
    private final ConcurrentLinkedQueue<Integer> freeSlices = new ConcurrentLinkedQueue<>(shuffledSlices());

    /**
     * Balance changes of one transaction not yet applied, per account in id order: debits and
     * credits posted, debits and credits pending.
     */
    private static final class Deltas {
        final TreeMap<String, long[]> byAccount = new TreeMap<>();
        /** The one slice this transaction writes to. */
        final int slice;
        /** Set once the transaction is committing: later changes are applied at once. */
        boolean committing;

        Deltas(int slice) {
            this.slice = slice;
        }
    }

    private static List<Integer> shuffledSlices() {
        List<Integer> slices = new ArrayList<>(IntStream.range(0, SLICES).boxed().toList());
        Collections.shuffle(slices);
        return slices;
    }

    /**
     * A slice for the current transaction, held until it ends; a random one when every slice is
     * held (a pool larger than {@link #SLICES}) or outside a transaction.
     */
    private int takeSlice() {
        Integer free = Transactions.active() ? freeSlices.poll() : null;
        if (free == null) {
            return ThreadLocalRandom.current().nextInt(SLICES);
        }
        Transactions.afterCompletion(() -> freeSlices.add(free));
        return free;
    }

    LedgerStore(JdbcClient jdbc, HeldWrites writes, Ids ids, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = writes;
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
        Transactions.afterCommit(() -> knownAccounts.put(key, id));
    }

    Optional<String> findAccount(String ownerId, boolean livemode, String currency, AccountKind kind) {
        return jdbc.sql("select id from ledger_accounts where owner_type = ? and owner_id = ? and livemode = ? and currency = ? and kind = ?")
                .params(kind.ownerType(), ownerId, livemode, currency, kind.name()).query(String.class).optional();
    }

    void post(JournalEntry entry) {
        writes.update("insert into journal_entries (id, merchant_id, livemode, kind, source_id, description, created) values (?, ?, ?, ?, ?, ?, ?)",
                entry.id(), entry.merchantId(), entry.livemode(), entry.kind(), entry.sourceId(), entry.description(),
                entry.created());
        List<Object[]> rows = new ArrayList<>(entry.postings().size());
        for (Posting p : entry.postings()) {
            rows.add(new Object[] {entry.id(), rows.size(), p.accountId(), p.currency(), p.debit(), p.credit()});
        }
        writes.batch("insert into postings (entry_id, seq, account_id, currency, debit, credit) values (?, ?, ?, ?, ?, ?)", rows);
        for (Posting p : entry.postings()) {
            change(p.accountId(), p.debit(), p.credit(), 0, 0);
        }
    }

    void createPending(String id, String merchantId, boolean livemode, String debitAccount, String creditAccount,
                       String currency, long amount, String sourceId) {
        writes.update("""
                insert into pending_transfers (id, merchant_id, livemode, debit_account_id, credit_account_id, currency, amount,
                    status, source_id, created) values (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""",
                id, merchantId, livemode, debitAccount, creditAccount, currency, amount, sourceId,
                clock.instant().getEpochSecond());
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
        writes.update("update pending_transfers set status = ?, posted_amount = ?, resolved = ? where id = ? and status = 'pending'",
                new Object[] {status, postedAmount, clock.instant().getEpochSecond(), transfer.id()}, changed -> {
                    if (changed != 1) {
                        throw new IllegalStateException("pending transfer " + transfer.id() + " is no longer pending");
                    }
                });
        adjustPending(transfer.debitAccountId(), transfer.creditAccountId(), -transfer.amount());
    }

    private void adjustPending(String debitAccount, String creditAccount, long amount) {
        change(debitAccount, 0, 0, amount, 0);
        change(creditAccount, 0, 0, 0, amount);
    }

    /** Records a change to an account's balance columns, applied before the transaction commits (at once outside one). */
    private void change(String account, long debitsPosted, long creditsPosted, long debitsPending, long creditsPending) {
        Deltas deltas = Transactions.scoped(deltasKey, () -> {
            Deltas created = new Deltas(takeSlice());
            Transactions.beforeCommit(() -> {
                created.committing = true;
                applyAll(created);
            });
            return created;
        });
        if (deltas == null || deltas.committing) {
            int slice = deltas == null ? takeSlice() : deltas.slice;
            apply(account, slice, new long[] {debitsPosted, creditsPosted, debitsPending, creditsPending});
            return;
        }
        long[] d = deltas.byAccount.computeIfAbsent(account, k -> new long[4]);
        d[0] = Math.addExact(d[0], debitsPosted);
        d[1] = Math.addExact(d[1], creditsPosted);
        d[2] = Math.addExact(d[2], debitsPending);
        d[3] = Math.addExact(d[3], creditsPending);
    }

    /** Applies the current transaction's collected changes now (before it reads balances, say). */
    private void applyCollected() {
        if (Transactions.active() && TransactionSynchronizationManager.getResource(deltasKey) instanceof Deltas deltas) {
            applyAll(deltas);
        }
    }

    /**
     * Adds the collected changes to their slices (in account order), held with the transaction's other
     * writes. A slice this node has not seen yet may not exist: if so it is created and then changed on
     * its own once the held writes are sent, and remembered once the transaction commits.
     */
    private void applyAll(Deltas deltas) {
        int bit = 1 << deltas.slice;
        deltas.byAccount.forEach((account, d) -> {
            if (d[0] != 0 || d[1] != 0 || d[2] != 0 || d[3] != 0) {
                Object[] row = {d[0], d[1], d[2], d[3], account, deltas.slice};
                if ((knownSlices.getOrDefault(account, 0) & bit) != 0) {
                    writes.update(ADD_TO_SLICE, row, changed -> {
                        if (changed != 1) {
                            throw new IllegalStateException("ledger account " + account + " slice " + deltas.slice + " is missing");
                        }
                    });
                    return;
                }
                long[] change = d.clone();
                writes.updateThen(ADD_TO_SLICE, row, changed -> {
                    if (changed == 0) {
                        apply(account, deltas.slice, change);
                    }
                    Transactions.afterCommit(() -> knownSlices.merge(account, bit, (a, b) -> a | b));
                });
            }
        });
        deltas.byAccount.clear();
    }

    /** Adds the changes to one slice of the account, creating the slice on first use. */
    private void apply(String account, int slice, long[] d) {
        if (d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0) {
            return;
        }
        if (addToSlice(account, slice, d)) {
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql(
                            "insert into ledger_balance_slices (account_id, slice) values (?, ?)")
                    .params(account, slice).update());
        } catch (DuplicateKeyException raced) {
            // Another transaction created the slice first; it exists now.
        }
        if (!addToSlice(account, slice, d)) {
            throw new IllegalStateException("ledger account " + account + " slice " + slice + " is missing");
        }
    }

    private static final String ADD_TO_SLICE = """
            update ledger_balance_slices set debits_posted = debits_posted + ?, credits_posted = credits_posted + ?,
                debits_pending = debits_pending + ?, credits_pending = credits_pending + ?
            where account_id = ? and slice = ?""";

    private boolean addToSlice(String account, int slice, long[] d) {
        return jdbc.sql(ADD_TO_SLICE).params(d[0], d[1], d[2], d[3], account, slice).update() == 1;
    }

    /** An account's balance columns: its own row's plus its slices'. */
    static final String BALANCE_COLUMNS = """
            a.debits_pending + coalesce((select sum(s.debits_pending) from ledger_balance_slices s where s.account_id = a.id), 0),
            a.credits_pending + coalesce((select sum(s.credits_pending) from ledger_balance_slices s where s.account_id = a.id), 0),
            a.debits_posted + coalesce((select sum(s.debits_posted) from ledger_balance_slices s where s.account_id = a.id), 0),
            a.credits_posted + coalesce((select sum(s.credits_posted) from ledger_balance_slices s where s.account_id = a.id), 0)""";

    List<Balances> accountsOf(String ownerId, boolean livemode, AccountKind... kinds) {
        applyCollected();
        return jdbc.sql("select a.id, a.currency, a.kind, " + BALANCE_COLUMNS
                        + " from ledger_accounts a where a.owner_id = ? and a.livemode = ? order by a.currency, a.kind")
                .params(ownerId, livemode)
                .query((rs, n) -> new Balances(rs.getString(1), rs.getString(2), AccountKind.valueOf(rs.getString(3)),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list().stream().filter(b -> List.of(kinds).contains(b.kind())).toList();
    }
}

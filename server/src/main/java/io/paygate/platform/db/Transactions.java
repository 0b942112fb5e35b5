package io.paygate.platform.db;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work tied to the current transaction: state that lives as long as it does, and actions run just
 * before or after it commits.
 */
public final class Transactions {

    private Transactions() {
    }

    public static boolean active() {
        return TransactionSynchronizationManager.isSynchronizationActive();
    }

    /**
     * The current transaction's object under {@code key}, created on first use and dropped when the
     * transaction ends; null outside a transaction.
     */
    @SuppressWarnings("unchecked")
    public static <T> T scoped(Object key, Supplier<T> create) {
        if (!active()) {
            return null;
        }
        T existing = (T) TransactionSynchronizationManager.getResource(key);
        if (existing != null) {
            return existing;
        }
        T created = create.get();
        TransactionSynchronizationManager.bindResource(key, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
        return created;
    }

    /** The current transaction's object under {@code key} if one was created; null otherwise. */
    @SuppressWarnings("unchecked")
    public static <T> T find(Object key) {
        return active() ? (T) TransactionSynchronizationManager.getResource(key) : null;
    }

    /** Runs {@code action} once the current transaction has committed (never if it rolls back); at once outside one. */
    public static void afterCommit(Runnable action) {
        if (!active()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /**
     * Runs {@code committed} once the current transaction has committed, or {@code otherwise} once it
     * has rolled back or ended with its outcome unknown; {@code committed} at once outside one.
     */
    public static void onOutcome(Runnable committed, Runnable otherwise) {
        if (!active()) {
            committed.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                (status == STATUS_COMMITTED ? committed : otherwise).run();
            }
        });
    }

    /** Runs {@code action} once the current transaction has ended, committed or rolled back; call only inside one. */
    public static void afterCompletion(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }

    /** Runs {@code action} inside the current transaction just before it commits; call only inside one. */
    public static void beforeCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                action.run();
            }
        });
    }
}

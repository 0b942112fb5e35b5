package io.paygate.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes whose caller does not wait for their result. Inside a transaction a write given here is
 * held by the transaction's connection until that connection is used next (any statement, a
 * savepoint, the commit), and the writes held then go to the database together: on PostgreSQL in one
 * round trip, as one prepared statement holding them all, and when the next use is a query, in the
 * same statement as that query. They are applied in the order they were given and before anything
 * that follows them on the connection, so a read in the same transaction sees them as if they had run
 * at once. A held write that fails fails that next use of the connection, and with it the
 * transaction; a rollback drops what is still held. Outside a transaction (or on a connection that
 * does not hold writes) a write runs at once.
 *
 * <p>A payment's transaction writes a dozen rows none of which it reads back (its attempt, the intent,
 * the ledger's entries, the events and their deliveries, the idempotent answer), so holding them
 * turns a dozen waits on the database into one or two.
 */
@Component
public class HeldWrites {

    /** What separates held writes sent together in one statement's text. */
    public static final String SEPARATOR = ";\n";

    /** Whether {@code sql} is a query (a statement that may be sent after held writes, in the same statement). */
    public static boolean isQuery(String sql) {
        return sql.stripLeading().regionMatches(true, 0, "select", 0, 6);
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    HeldWrites(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** {@code sql} with {@code params}, held in a transaction, run at once outside one. */
    public void update(String sql, Object... params) {
        update(sql, params, null);
    }

    /**
     * As {@link #update(String, Object...)}; {@code check} gets the number of rows the statement
     * changed once it has run, and may throw to fail the transaction, but must not use the database.
     * For a held write that is when the held writes are sent, after all of them (and the query sent
     * with them, if any) have run.
     */
    public void update(String sql, Object[] params, IntConsumer check) {
        update(sql, params, check, false);
    }

    /**
     * As {@link #update(String, Object[], IntConsumer)}, for a {@code followUp} that may use the
     * database: what it writes must come before anything that follows, so the writes held with this one
     * are sent before the transaction's next statement instead of with it.
     */
    public void updateThen(String sql, Object[] params, IntConsumer followUp) {
        update(sql, params, followUp, true);
    }

    private void update(String sql, Object[] params, IntConsumer onCount, boolean followUp) {
        HoldingConnection holder = holder();
        if (holder != null) {
            holder.hold(sql, params, onCount, followUp);
            return;
        }
        int count = jdbc.update(sql, params);
        if (onCount != null) {
            onCount.accept(count);
        }
    }

    /** {@code sql} once for each of {@code rows}, held in a transaction; one batch at once outside one. */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        HoldingConnection holder = holder();
        if (holder != null) {
            for (Object[] row : rows) {
                holder.hold(sql, row, null, false);
            }
            return;
        }
        jdbc.batchUpdate(sql, rows);
    }

    private HoldingConnection holder() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.isWrapperFor(HoldingConnection.class) ? connection.unwrap(HoldingConnection.class) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect the transaction's connection", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}

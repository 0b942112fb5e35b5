package io.paygate.platform.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * A pooled connection that holds the writes {@link HeldWrites} gives it and sends them before the
 * connection's next use: a statement, a savepoint, a commit or a change of auto-commit. A rollback
 * (whole, or to a savepoint, which is always older than what is still held) drops them.
 *
 * <p>{@code together} says whether the driver runs several statements from one prepared statement
 * and reports each one's count (PostgreSQL's does: one round trip for them all). Then a query
 * prepared while writes are held is prepared in the same statement, after them: the caller gets a
 * statement whose parameters and results are the query's, and one round trip runs both. Otherwise the
 * held writes run one after another, which costs an embedded database nothing.
 */
final class HoldingConnection implements InvocationHandler {

    /** Statements sent in one round trip at most: their answers stay small enough to never stall the driver. */
    static final int MAX_TOGETHER = 64;

    /** A held write; a {@code followUp} count callback may use the database, a check may not. */
    private record Held(String sql, Object[] params, IntConsumer onCount, boolean followUp) {
    }

    private final Connection target;
    private final boolean together;
    private List<Held> held = new ArrayList<>();

    private HoldingConnection(Connection target, boolean together) {
        this.target = target;
        this.together = together;
    }

    static Connection wrap(Connection target, boolean together) {
        return (Connection) Proxy.newProxyInstance(HoldingConnection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new HoldingConnection(target, together));
    }

    void hold(String sql, Object[] params, IntConsumer onCount, boolean followUp) {
        held.add(new Held(sql, params, onCount, followUp));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "HoldingConnection[" + target + "]";
            case "unwrap":
                if (args[0] == HoldingConnection.class) {
                    return this;
                }
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return proxy;
                }
                break;
            case "isWrapperFor":
                if (args[0] == HoldingConnection.class || ((Class<?>) args[0]).isInstance(proxy)) {
                    return true;
                }
                break;
            case "prepareStatement":
                if (args.length == 1 && foldable((String) args[0])) {
                    return prepareAfterHeld((String) args[0]);
                }
                sendHeld();
                break;
            case "prepareCall", "createStatement", "setSavepoint", "releaseSavepoint", "commit", "setAutoCommit":
                sendHeld();
                break;
            case "rollback", "close", "abort":
                held = new ArrayList<>();
                break;
            default:
                break;
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getTargetException();
        }
    }

    /** Whether {@code sql} can be prepared after what is held, in one statement. */
    private boolean foldable(String sql) {
        if (!together || held.isEmpty() || held.size() >= MAX_TOGETHER || held.stream().anyMatch(Held::followUp)) {
            return false;
        }
        return HeldWrites.isQuery(sql) && !sql.contains(";");
    }

    /** The held writes and then {@code query}, prepared as one statement that the caller sees as the query's. */
    private PreparedStatement prepareAfterHeld(String query) throws SQLException {
        List<Held> sending = held;
        held = new ArrayList<>();
        String sql = String.join(HeldWrites.SEPARATOR, sending.stream().map(Held::sql).toList()) + HeldWrites.SEPARATOR + query;
        PreparedStatement statement = target.prepareStatement(sql);
        try {
            int bound = bind(statement, sending);
            return (PreparedStatement) Proxy.newProxyInstance(HoldingConnection.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, new AfterHeld(statement, sending, bound));
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static int bind(PreparedStatement statement, List<Held> writes) throws SQLException {
        int index = 1;
        for (Held h : writes) {
            for (Object param : h.params()) {
                StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, param);
            }
        }
        return index - 1;
    }

    /**
     * The statement of held writes and a query, as the query's: parameter indexes shifted past the
     * writes' (which are bound already), and running it reads the writes' counts first, checks them,
     * and leaves the query's result current.
     */
    private static final class AfterHeld implements InvocationHandler {
        private final PreparedStatement statement;
        private final List<Held> writes;
        private final int bound;

        AfterHeld(PreparedStatement statement, List<Held> writes, int bound) {
            this.statement = statement;
            this.writes = writes;
            this.bound = bound;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == PreparedStatement.class && name.startsWith("set") && args != null
                    && args.length >= 2 && args[0] instanceof Integer index) {
                args[0] = index + bound;
            } else if (name.equals("clearParameters")) {
                statement.clearParameters();
                bind(statement, writes);
                return null;
            } else if (args == null && (name.equals("executeQuery") || name.equals("execute") || name.equals("executeUpdate")
                    || name.equals("executeLargeUpdate"))) {
                runWrites();
                return switch (name) {
                    case "executeQuery" -> {
                        java.sql.ResultSet rows = statement.getResultSet();
                        if (rows == null) {
                            throw new SQLException("The query sent after held writes returned no rows");
                        }
                        yield rows;
                    }
                    case "execute" -> statement.getResultSet() != null;
                    case "executeUpdate" -> statement.getUpdateCount();
                    default -> (long) statement.getUpdateCount();
                };
            } else if (name.equals("equals")) {
                return proxy == args[0];
            } else if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            } else if (name.startsWith("addBatch") || name.startsWith("execute")) {
                throw new java.sql.SQLFeatureNotSupportedException(name + " on a query sent after held writes");
            }
            try {
                return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
        }

        /** Runs the statement and reads past the writes' counts to the query's result, then checks the counts. */
        private void runWrites() throws SQLException {
            int[] counts = new int[writes.size()];
            try {
                readCounts(statement, statement.execute(), writes, counts, 0);
            } catch (SQLException e) {
                throw new SQLException("A held write, or the query sent after them, failed (" + e.getMessage() + ") in: "
                        + writes.size() + " statements beginning " + writes.getFirst().sql(), e.getSQLState(), e.getErrorCode(), e);
            }
            report(writes, counts);
        }
    }

    /**
     * Reads the counts of {@code writes}, the statement's first results (the first current, a result
     * set if {@code resultSet}), into {@code counts} from {@code offset}, and moves past them.
     */
    private static void readCounts(PreparedStatement statement, boolean resultSet, List<Held> writes, int[] counts, int offset)
            throws SQLException {
        for (int i = 0; i < writes.size(); i++) {
            int count = statement.getUpdateCount();
            if (resultSet || count < 0) {
                throw new SQLException("Held write " + (i + 1) + " of " + writes.size() + " returned no update count: "
                        + writes.get(i).sql());
            }
            counts[offset + i] = count;
            resultSet = statement.getMoreResults();
        }
    }

    /** Gives each write with a callback its count. */
    private static void report(List<Held> writes, int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            IntConsumer onCount = writes.get(i).onCount();
            if (onCount != null) {
                onCount.accept(counts[i]);
            }
        }
    }

    /** Sends what is held, and what the counts' callbacks hold in turn, until nothing is. */
    private void sendHeld() throws SQLException {
        while (!held.isEmpty()) {
            List<Held> sending = held;
            held = new ArrayList<>();
            int[] counts = new int[sending.size()];
            for (int from = 0; from < sending.size(); from += together ? MAX_TOGETHER : 1) {
                List<Held> part = sending.subList(from, Math.min(sending.size(), from + (together ? MAX_TOGETHER : 1)));
                send(part, counts, from);
            }
            report(sending, counts);
        }
    }

    private void send(List<Held> part, int[] counts, int offset) throws SQLException {
        String sql = part.size() == 1 ? part.getFirst().sql() : String.join(HeldWrites.SEPARATOR, part.stream().map(Held::sql).toList());
        try (PreparedStatement statement = target.prepareStatement(sql)) {
            bind(statement, part);
            readCounts(statement, statement.execute(), part, counts, offset);
        } catch (SQLException e) {
            held = new ArrayList<>();
            throw new SQLException("A held write failed (" + e.getMessage() + ") in: "
                    + (part.size() == 1 ? sql : part.size() + " statements beginning " + part.getFirst().sql()),
                    e.getSQLState(), e.getErrorCode(), e);
        }
    }
}

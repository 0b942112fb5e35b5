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
 * and reports each one's count (PostgreSQL's does: one round trip for them all). Otherwise the held
 * writes run one after another, which costs an embedded database nothing.
 */
final class HoldingConnection implements InvocationHandler {

    /** Statements sent in one round trip at most: their answers stay small enough to never stall the driver. */
    static final int MAX_TOGETHER = 64;

    private record Held(String sql, Object[] params, IntConsumer onCount) {
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

    void hold(String sql, Object[] params, IntConsumer onCount) {
        held.add(new Held(sql, params, onCount));
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
            case "prepareStatement", "prepareCall", "createStatement", "nativeSQL", "setSavepoint", "releaseSavepoint",
                 "commit", "setAutoCommit":
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
            for (int i = 0; i < counts.length; i++) {
                IntConsumer onCount = sending.get(i).onCount();
                if (onCount != null) {
                    onCount.accept(counts[i]);
                }
            }
        }
    }

    private void send(List<Held> part, int[] counts, int offset) throws SQLException {
        String sql = part.size() == 1 ? part.getFirst().sql() : String.join(HeldWrites.SEPARATOR, part.stream().map(Held::sql).toList());
        try (PreparedStatement statement = target.prepareStatement(sql)) {
            int index = 1;
            for (Held h : part) {
                for (Object param : h.params()) {
                    StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, param);
                }
            }
            boolean resultSet = statement.execute();
            for (int i = 0; i < part.size(); i++) {
                int count = statement.getUpdateCount();
                if (resultSet || count < 0) {
                    throw new SQLException("Held write " + (i + 1) + " of " + part.size() + " returned no update count: "
                            + part.get(i).sql());
                }
                counts[offset + i] = count;
                resultSet = statement.getMoreResults();
            }
        } catch (SQLException e) {
            held = new ArrayList<>();
            throw new SQLException("A held write failed (" + e.getMessage() + ") in: "
                    + (part.size() == 1 ? sql : part.size() + " statements beginning " + part.getFirst().sql()),
                    e.getSQLState(), e.getErrorCode(), e);
        }
    }
}

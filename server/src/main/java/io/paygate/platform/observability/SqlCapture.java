package io.paygate.platform.observability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import org.slf4j.MDC;

/**
 * Diagnostics for the benchmark's database baseline: records the SQL statements (with their
 * parameters) and transaction boundaries each request caused, keyed by request id, so the same SQL
 * work can be replayed directly over JDBC. Off unless {@code paygate.diagnostics.sql-capture=true};
 * even then only requests sent with the {@value #REQUEST_HEADER} header are recorded, with the work
 * they cause at the in-process simulator. Keeps the last 200 requests only.
 */
public class SqlCapture implements QueryExecutionListener, MethodExecutionListener {

    public static final String KEY = "captureKey";
    /** MDC flag: the key names a causing request; record only if that request is being captured. */
    public static final String FOLLOW = "captureFollow";
    public static final String REQUEST_HEADER = "Paygate-Capture-Sql";
    private static final int KEEP = 200;

    /**
     * One recorded step: a statement with its parameters ({@code statement}; {@code batch} for one
     * row of a batch; {@code held} for one of several held writes sent together, see
     * {@link io.paygate.platform.db.HeldWrites}, and {@code held-query} for a query sent in the same
     * statement after them), or the start, commit or rollback of a transaction on a connection.
     */
    public record Entry(String kind, String connection, String sql, List<Object> params) {
    }

    private final Map<String, List<Entry>> captured = new LinkedHashMap<>(KEEP, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<SqlCapture.Entry>> eldest) {
            return size() > KEEP;
        }
    };

    public synchronized List<Entry> entries(String key) {
        List<Entry> entries = captured.get(key);
        return entries == null ? null : List.copyOf(entries);
    }

    /** Whether the current thread's work is being recorded (so its connections must go through the proxy). */
    public synchronized boolean wanted() {
        String key = MDC.get(KEY);
        return key != null && (MDC.get(FOLLOW) == null || captured.containsKey(key));
    }

    private synchronized void add(String key, Entry entry) {
        if (MDC.get(FOLLOW) != null && !captured.containsKey(key)) {
            return;
        }
        captured.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
        String key = MDC.get(KEY);
        if (key == null) {
            return;
        }
        // A batch's rows are recorded one entry each, of kind "batch", so that a replay can send them as one batch too.
        String kind = execInfo.isBatch() ? "batch" : "statement";
        for (QueryInfo query : queries) {
            if (query.getParametersList().isEmpty()) {
                add(key, new Entry(kind, execInfo.getConnectionId(), query.getQuery(), List.of()));
            }
            for (List<ParameterSetOperation> parameters : query.getParametersList()) {
                List<ParameterSetOperation> ordered = new ArrayList<>(parameters);
                ordered.sort(Comparator.comparingInt(p -> ((Number) p.getArgs()[0]).intValue()));
                List<Object> values = new ArrayList<>();
                for (ParameterSetOperation p : ordered) {
                    values.add(ParameterSetOperation.isSetNullParameterOperation(p) ? null : p.getArgs()[1]);
                }
                if (!execInfo.isBatch() && query.getQuery().contains(io.paygate.platform.db.HeldWrites.SEPARATOR)) {
                    addHeld(key, execInfo.getConnectionId(), query.getQuery(), values);
                } else {
                    add(key, new Entry(kind, execInfo.getConnectionId(), query.getQuery(), values));
                }
            }
        }
    }

    /**
     * Held writes sent together, and the query sent after them if any: recorded one entry each, with
     * its own parameters, so that a replay can send them together too.
     */
    private void addHeld(String key, String connection, String sql, List<Object> values) {
        int next = 0;
        for (String part : sql.split(java.util.regex.Pattern.quote(io.paygate.platform.db.HeldWrites.SEPARATOR))) {
            int count = (int) part.chars().filter(c -> c == '?').count();
            String kind = io.paygate.platform.db.HeldWrites.isQuery(part) ? "held-query" : "held";
            add(key, new Entry(kind, connection, part, new ArrayList<>(values.subList(next, next + count))));
            next += count;
        }
    }

    @Override
    public void beforeMethod(MethodExecutionContext context) {
    }

    @Override
    public void afterMethod(MethodExecutionContext context) {
        String key = MDC.get(KEY);
        if (key == null || !(context.getTarget() instanceof java.sql.Connection)) {
            return;
        }
        String name = context.getMethod().getName();
        if (name.equals("commit") || name.equals("rollback")) {
            add(key, new Entry(name, context.getConnectionInfo().getConnectionId(), null, List.of()));
        } else if (name.equals("setAutoCommit") && Boolean.FALSE.equals(context.getMethodArgs()[0])) {
            add(key, new Entry("begin", context.getConnectionInfo().getConnectionId(), null, List.of()));
        }
    }
}

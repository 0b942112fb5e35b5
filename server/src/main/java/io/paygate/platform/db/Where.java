package io.paygate.platform.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A conjunction of SQL conditions and their bind parameters, built up by list and search queries. */
public final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public static Where of(String clause, Object... params) {
        return new Where().and(clause, params);
    }

    public Where and(String clause, Object... values) {
        clauses.add(clause);
        Collections.addAll(params, values);
        return this;
    }

    public Where andIf(boolean condition, String clause, Object... values) {
        return condition ? and(clause, values) : this;
    }

    public String sql() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    public List<Object> params() {
        return List.copyOf(params);
    }

    public Where copy() {
        Where copy = new Where();
        copy.clauses.addAll(clauses);
        copy.params.addAll(params);
        return copy;
    }
}

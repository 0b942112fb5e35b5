package io.paygate.platform.pagination;

import io.paygate.platform.db.Where;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Newest-first keyset pagination over a table whose primary key {@code id} sorts by creation time:
 * every page is an index range scan, as fast on the ten-millionth row as on the first.
 */
public final class Lister {

    private Lister() {
    }

    /**
     * @param select the select list and table, such as {@code "select * from customers"}
     * @param idColumn the id column, qualified if the query joins
     */
    public static <T> Page<T> page(JdbcClient jdbc, String select, String idColumn, Where where, PageRequest page,
                                   RowMapper<T> mapper) {
        Bounds bounds = bounds(where, idColumn, page);
        String sql = select + bounds.where().sql() + " order by " + idColumn + bounds.order() + " limit ?";
        return run(jdbc, sql, bounds, page, mapper);
    }

    /**
     * As {@link #page} on one table, but the page's ids are found first and its rows read after, in
     * one statement. For a filter held whole by an index that ends in {@code id}, such as events by
     * merchant, mode and type: the database then finds the ids in that index alone, instead of
     * walking the primary key and reading rows only to discard those the filter rejects, which is
     * what it chooses when it expects the filter to match often and the newest rows do not match.
     *
     * @param columns the select list, read from {@code table}
     */
    public static <T> Page<T> pageByIds(JdbcClient jdbc, String columns, String table, Where where, PageRequest page,
                                        RowMapper<T> mapper) {
        Bounds bounds = bounds(where, "id", page);
        String sql = "select " + columns + " from " + table + " where id in (select id from " + table + bounds.where().sql()
                + " order by id" + bounds.order() + " limit ?) order by id" + bounds.order();
        return run(jdbc, sql, bounds, page, mapper);
    }

    private record Bounds(Where where, boolean backwards) {

        String order() {
            return backwards ? " asc" : " desc";
        }
    }

    private static Bounds bounds(Where where, String idColumn, PageRequest page) {
        Where bounded = where.copy();
        boolean backwards = page.endingBefore() != null;
        if (page.startingAfter() != null) {
            bounded.and(idColumn + " < ?", page.startingAfter());
        } else if (backwards) {
            bounded.and(idColumn + " > ?", page.endingBefore());
        }
        return new Bounds(bounded, backwards);
    }

    private static <T> Page<T> run(JdbcClient jdbc, String sql, Bounds bounds, PageRequest page, RowMapper<T> mapper) {
        List<Object> params = new ArrayList<>(bounds.where().params());
        params.add(page.limit() + 1);
        List<T> rows = new ArrayList<>(jdbc.sql(sql).params(params).query(mapper).list());
        boolean hasMore = rows.size() > page.limit();
        if (hasMore) {
            rows.removeLast();
        }
        if (bounds.backwards()) {
            Collections.reverse(rows);
        }
        return new Page<>(rows, hasMore);
    }
}

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
        Where bounded = where.copy();
        boolean backwards = page.endingBefore() != null;
        if (page.startingAfter() != null) {
            bounded.and(idColumn + " < ?", page.startingAfter());
        } else if (backwards) {
            bounded.and(idColumn + " > ?", page.endingBefore());
        }
        String sql = select + bounded.sql() + " order by " + idColumn + (backwards ? " asc" : " desc") + " limit ?";
        List<Object> params = new ArrayList<>(bounded.params());
        params.add(page.limit() + 1);
        List<T> rows = new ArrayList<>(jdbc.sql(sql).params(params).query(mapper).list());
        boolean hasMore = rows.size() > page.limit();
        if (hasMore) {
            rows.removeLast();
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        return new Page<>(rows, hasMore);
    }
}

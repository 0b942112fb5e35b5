package io.paygate.platform.db;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Select lists for joins, built once from a repository's comma-separated column list. */
public final class Columns {

    private Columns() {
    }

    /**
     * Each of {@code columns} qualified by {@code alias} and, when {@code labelPrefix} is not empty,
     * labelled with it ({@code c.id as c_id}) so two tables' columns of the same name stay apart.
     */
    public static String qualified(String columns, String alias, String labelPrefix) {
        return Arrays.stream(columns.split(", "))
                .map(c -> alias + "." + c + (labelPrefix.isEmpty() ? "" : " as " + labelPrefix + c))
                .collect(Collectors.joining(", "));
    }
}

package io.paygate.bench.scale;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for one table in PostgreSQL's COPY text format (tab-separated, {@code \N} for null,
 * backslash escapes), built in memory for a batch and sent with one {@code COPY … FROM STDIN}.
 */
final class CopyRows {

    private final String table;
    private final String columns;
    private final int width;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private int column;
    private long rows;

    CopyRows(String table, String columns) {
        this.table = table;
        this.columns = columns;
        this.width = columns.split(",").length;
    }

    String table() {
        return table;
    }

    long rows() {
        return rows;
    }

    CopyRows add(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            escape(value);
        }
        return end();
    }

    CopyRows add(long value) {
        separate();
        text.append(value);
        return end();
    }

    CopyRows add(Long value) {
        return value == null ? add((String) null) : add(value.longValue());
    }

    CopyRows add(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return end();
    }

    private void separate() {
        if (column > 0) {
            text.append('\t');
        }
    }

    private CopyRows end() {
        column++;
        if (column == width) {
            text.append('\n');
            column = 0;
            rows++;
        }
        return this;
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    String text() {
        return text.toString();
    }

    /** Sends the rows with COPY and empties the buffer; returns how many rows went. */
    long copyTo(Connection connection) throws SQLException {
        if (column != 0) {
            throw new IllegalStateException(table + ": a row is incomplete (" + column + " of " + width + " columns)");
        }
        long sent = rows;
        if (sent == 0) {
            return 0;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin");
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        text.setLength(0);
        rows = 0;
        return sent;
    }
}

package io.paygate.platform.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The placeholders and values of an {@code in (?, ?, …)} list, padded to a power of two by
 * repeating the last value. A list of any length then renders one of a few statement texts, so the
 * driver's cache of prepared statements (and the database's plans) is not churned by every length
 * between 1 and the batch size.
 */
public record InList(String placeholders, List<Object> values) {

    public static InList of(Collection<?> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an in-list needs at least one value");
        }
        List<Object> values = new ArrayList<>(items);
        int size = Integer.highestOneBit(values.size());
        if (size < values.size()) {
            size <<= 1;
        }
        Object last = values.getLast();
        while (values.size() < size) {
            values.add(last);
        }
        return new InList(String.join(", ", java.util.Collections.nCopies(size, "?")), List.copyOf(values));
    }

    /** {@code leading} parameters followed by this list's values. */
    public List<Object> after(Object... leading) {
        List<Object> out = new ArrayList<>(List.of(leading));
        out.addAll(values);
        return out;
    }
}

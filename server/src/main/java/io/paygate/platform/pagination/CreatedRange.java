package io.paygate.platform.pagination;

import io.paygate.platform.db.Where;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.wire.RangeFilter;

/**
 * A {@code created} filter. Ids sort by creation time, so the filter also bounds the id, which keeps
 * the query on the (merchant, mode, id) index instead of filtering rows one by one.
 */
public final class CreatedRange {

    private static final long MAX_SECONDS = 253_402_300_799L; // 9999-12-31

    private CreatedRange() {
    }

    public static void apply(Where where, String idColumn, String idPrefix, RangeFilter created) {
        if (created == null) {
            return;
        }
        Long lower = created.lowerInclusive();
        Long upper = created.upperInclusive();
        if (lower != null) {
            long seconds = clamp(lower);
            where.and(idColumn + " >= ?", Ids.lowerBound(idPrefix, seconds * 1000));
            where.and("created >= ?", lower);
        }
        if (upper != null) {
            long seconds = clamp(upper);
            where.and(idColumn + " < ?", Ids.lowerBound(idPrefix, (seconds + 1) * 1000));
            where.and("created <= ?", upper);
        }
    }

    private static long clamp(long seconds) {
        return Math.max(0, Math.min(MAX_SECONDS, seconds));
    }
}

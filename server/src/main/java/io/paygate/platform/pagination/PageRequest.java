package io.paygate.platform.pagination;

import io.paygate.platform.errors.ApiException;

/** {@code limit}, {@code starting_after} and {@code ending_before}, validated. */
public record PageRequest(int limit, String startingAfter, String endingBefore) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(Long limit, String startingAfter, String endingBefore) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.invalidParam("limit", "Invalid limit: must be between 1 and " + MAX_LIMIT + ".");
        }
        if (startingAfter != null && endingBefore != null) {
            throw ApiException.invalidRequest("You may only specify one of these parameters: ending_before, starting_after.");
        }
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit.intValue(), blankToNull(startingAfter),
                blankToNull(endingBefore));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

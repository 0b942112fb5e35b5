package io.paygate.platform.search;

import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields one resource's search supports, and their translation to SQL over its table. Metadata
 * clauses read the shared metadata index, never a table scan.
 */
public final class SearchFields {

    /**
     * How a field compares. TEXT_CASE_INSENSITIVE lowers the column in the query (no index can serve
     * it); TEXT_STORED_LOWER_CASE names a column that already holds the lower-cased text, indexed.
     */
    public enum Kind { TEXT, TEXT_CASE_INSENSITIVE, TEXT_STORED_LOWER_CASE, INTEGER }

    private record FieldSpec(String column, Kind kind) {
    }

    private final String objectType;
    private final String idColumn;
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();

    public SearchFields(String objectType, String idColumn) {
        this.objectType = objectType;
        this.idColumn = idColumn;
    }

    public SearchFields field(String name, String column, Kind kind) {
        fields.put(name, new FieldSpec(column, kind));
        return this;
    }

    /** Adds the query's clauses to {@code where} (which already restricts merchant and mode). */
    public void apply(SearchQuery query, String merchantId, boolean livemode, Where where) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (SearchQuery.Clause clause : query.clauses()) {
            String sql = clause.metadataKey() != null ? metadata(clause, merchantId, livemode, params) : field(clause, params);
            parts.add(clause.negated() ? "not (" + sql + ")" : sql);
        }
        String joined = String.join(query.anyOf() ? " or " : " and ", parts);
        where.and("(" + joined + ")", params.toArray());
    }

    private String metadata(SearchQuery.Clause clause, String merchantId, boolean livemode, List<Object> params) {
        if (clause.operator() != SearchQuery.Operator.EQUALS) {
            throw ApiException.invalidParam("query", "Invalid search query: metadata supports only the ':' operator.");
        }
        params.add(merchantId);
        params.add(livemode);
        params.add(objectType);
        params.add(clause.metadataKey());
        params.add(clause.value());
        return idColumn + " in (select object_id from metadata_entries where merchant_id = ? and livemode = ?"
                + " and object_type = ? and meta_key = ? and meta_value = ?)";
    }

    private String field(SearchQuery.Clause clause, List<Object> params) {
        FieldSpec spec = fields.get(clause.field());
        if (spec == null) {
            throw ApiException.invalidParam("query", "Invalid search query: the field '" + clause.field()
                    + "' is not supported. Supported fields: " + String.join(", ", fields.keySet()) + ", metadata.");
        }
        return switch (spec.kind()) {
            case INTEGER -> integer(spec.column(), clause, params);
            case TEXT, TEXT_CASE_INSENSITIVE, TEXT_STORED_LOWER_CASE -> text(spec, clause, params);
        };
    }

    private static String integer(String column, SearchQuery.Clause clause, List<Object> params) {
        long value;
        try {
            value = Long.parseLong(clause.value());
        } catch (NumberFormatException e) {
            throw ApiException.invalidParam("query", "Invalid search query: " + clause.field() + " takes an integer.");
        }
        params.add(value);
        String op = switch (clause.operator()) {
            case EQUALS -> "=";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
            case CONTAINS -> throw ApiException.invalidParam("query", "Invalid search query: '~' applies to text fields only.");
        };
        return column + " " + op + " ?";
    }

    private static String text(FieldSpec spec, SearchQuery.Clause clause, List<Object> params) {
        boolean insensitive = spec.kind() != Kind.TEXT;
        String column = spec.kind() == Kind.TEXT_CASE_INSENSITIVE ? "lower(" + spec.column() + ")" : spec.column();
        String value = insensitive ? clause.value().toLowerCase(java.util.Locale.ROOT) : clause.value();
        return switch (clause.operator()) {
            case EQUALS -> {
                params.add(value);
                yield column + " = ?";
            }
            case CONTAINS -> {
                if (value.length() < 3) {
                    throw ApiException.invalidParam("query", "Invalid search query: '~' needs at least 3 characters.");
                }
                params.add("%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                yield column + " like ? escape '\\'";
            }
            default -> throw ApiException.invalidParam("query", "Invalid search query: " + clause.field()
                    + " supports ':' and '~' only.");
        };
    }
}

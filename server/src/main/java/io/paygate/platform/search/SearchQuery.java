package io.paygate.platform.search;

import io.paygate.platform.errors.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's search query language, the part Paygate supports: clauses such as
 * {@code status:'succeeded'}, {@code metadata['order_id']:'42'}, {@code amount>1000},
 * {@code email~'example'}, {@code -status:'canceled'}, joined all by {@code AND} or all by {@code OR}.
 */
public record SearchQuery(List<Clause> clauses, boolean anyOf) {

    public static final int MAX_CLAUSES = 10;

    public enum Operator {
        EQUALS(":"), CONTAINS("~"), GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** One clause; {@code metadataKey} is set for {@code metadata['key']} fields. */
    public record Clause(String field, String metadataKey, Operator operator, String value, boolean negated) {
    }

    public static SearchQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw ApiException.missingParam("query");
        }
        Parser parser = new Parser(query);
        return parser.parse();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        SearchQuery parse() {
            List<Clause> clauses = new ArrayList<>();
            Boolean anyOf = null;
            clauses.add(clause());
            while (true) {
                skipSpaces();
                if (pos >= text.length()) {
                    break;
                }
                String word = word();
                boolean or;
                if (word.equals("AND")) {
                    or = false;
                } else if (word.equals("OR")) {
                    or = true;
                } else {
                    throw error("Expected AND or OR at position " + pos + ".");
                }
                if (anyOf != null && anyOf != or) {
                    throw error("A search query may not mix AND and OR.");
                }
                anyOf = or;
                clauses.add(clause());
                if (clauses.size() > MAX_CLAUSES) {
                    throw error("A search query may have at most " + MAX_CLAUSES + " clauses.");
                }
            }
            return new SearchQuery(List.copyOf(clauses), anyOf != null && anyOf);
        }

        private Clause clause() {
            skipSpaces();
            boolean negated = false;
            if (peek() == '-') {
                negated = true;
                pos++;
            }
            String field = identifier();
            String metadataKey = null;
            if (field.equals("metadata")) {
                expect('[');
                metadataKey = quoted();
                expect(']');
            }
            Operator operator = operator();
            skipSpaces();
            String value = peek() == '\'' || peek() == '"' ? quoted() : bareValue();
            return new Clause(field, metadataKey, operator, value, negated);
        }

        private Operator operator() {
            skipSpaces();
            char c = peek();
            pos++;
            return switch (c) {
                case ':' -> Operator.EQUALS;
                case '~' -> Operator.CONTAINS;
                case '>' -> {
                    if (peek() == '=') {
                        pos++;
                        yield Operator.GREATER_OR_EQUAL;
                    }
                    yield Operator.GREATER;
                }
                case '<' -> {
                    if (peek() == '=') {
                        pos++;
                        yield Operator.LESS_OR_EQUAL;
                    }
                    yield Operator.LESS;
                }
                default -> throw error("Expected one of : ~ > < >= <= at position " + (pos - 1) + ".");
            };
        }

        private String identifier() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos) {
                throw error("Expected a field name at position " + start + ".");
            }
            return text.substring(start, pos);
        }

        private String word() {
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String bareValue() {
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("Expected a value at position " + start + ".");
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("Expected a quoted value at position " + pos + ".");
            }
            pos++;
            StringBuilder out = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    out.append(text.charAt(pos++));
                } else if (c == quote) {
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            throw error("Unterminated quoted value.");
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("Expected '" + c + "' at position " + pos + ".");
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private ApiException error(String message) {
            return ApiException.invalidParam("query", "Invalid search query: " + message);
        }
    }
}

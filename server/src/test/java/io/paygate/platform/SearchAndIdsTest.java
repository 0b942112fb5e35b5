package io.paygate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.platform.config.DatabaseUrl;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.search.SearchQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SearchAndIdsTest {

    @Test
    void parsesStripeSearchQueries() {
        SearchQuery q = SearchQuery.parse("status:'succeeded' AND metadata['order_id']:'42' AND amount>=1000");
        assertThat(q.anyOf()).isFalse();
        assertThat(q.clauses()).containsExactly(
                new SearchQuery.Clause("status", null, SearchQuery.Operator.EQUALS, "succeeded", false),
                new SearchQuery.Clause("metadata", "order_id", SearchQuery.Operator.EQUALS, "42", false),
                new SearchQuery.Clause("amount", null, SearchQuery.Operator.GREATER_OR_EQUAL, "1000", false));
        SearchQuery or = SearchQuery.parse("email:\"a@b.c\" OR -name~'bob'");
        assertThat(or.anyOf()).isTrue();
        assertThat(or.clauses().get(1).negated()).isTrue();
        assertThat(or.clauses().get(1).operator()).isEqualTo(SearchQuery.Operator.CONTAINS);
    }

    @Test
    void refusesMalformedQueries() {
        assertThatThrownBy(() -> SearchQuery.parse("status:'a' AND x:'b' OR y:'c'")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> SearchQuery.parse("status:'unterminated")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> SearchQuery.parse("status 'x'")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> SearchQuery.parse("")).isInstanceOf(ApiException.class);
    }

    @Test
    void idsSortByCreationTimeAndEncodeIt() {
        Clock early = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Clock late = Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC);
        String a = new Ids(early).next("pi");
        String b = new Ids(late).next("pi");
        assertThat(a).startsWith("pi_").hasSize(3 + 24);
        assertThat(a.compareTo(b)).isNegative();
        assertThat(Ids.millisOf(a)).isEqualTo(early.millis());
        assertThat(Ids.lowerBound("pi", late.millis()).compareTo(a)).isPositive();
        assertThat(Ids.lowerBound("pi", late.millis()).compareTo(b)).isNegative();
    }

    @Test
    void randomCharactersAreEquallyLikely() {
        Ids ids = new Ids(Clock.systemUTC());
        int[] counts = new int[36];
        // 24,000 tokens of 15 characters: 10,000 of each character expected, standard deviation about 98.
        // A byte taken modulo 36 without rejection would give '0'..'3' about 11,250 each.
        for (int i = 0; i < 24_000; i++) {
            for (char c : ids.token(15).toCharArray()) {
                counts[Character.digit(c, 36)]++;
            }
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_400, 10_600);
        }
    }

    @Test
    void databaseUrlsInBothForms() {
        assertThat(DatabaseUrl.parse("postgresql://pay:s%40cret@db.internal:6543/paygate?sslmode=require"))
                .isEqualTo(new DatabaseUrl.Parsed("jdbc:postgresql://db.internal:6543/paygate?sslmode=require", "pay", "s@cret"));
        assertThat(DatabaseUrl.parse("postgres://db/paygate").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/paygate");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://x/y").jdbcUrl()).isEqualTo("jdbc:postgresql://x/y");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://x/y")).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.paygate.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScaleBatchTest {

    private static final long NOW_MS = 1_790_000_000_000L;

    private static ScaleWorld world(long intents) {
        return new ScaleWorld("acct_test", "ca_test", List.of("cus_a", "cus_b"), List.of("pm_a", "pm_b"), List.of("pm_guest"),
                new ScaleWorld.LedgerAccounts("la_receivable", "la_pending", "la_available", "la_revenue"), intents,
                NOW_MS - 3_600_000L - 365L * 86_400_000L, NOW_MS - 3_600_000L, NOW_MS, 2, "2026-07-29.dahlia", 7);
    }

    private static List<String[]> rows(CopyRows table) {
        List<String[]> out = new ArrayList<>();
        for (String line : table.text().split("\n")) {
            if (!line.isEmpty()) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    @Test
    void idsHaveTheServersShapeAndSortByTheirCreationTime() {
        ScaleIds ids = new ScaleIds(new SplittableRandom(1));
        String early = ids.next("pi", 1_700_000_000_000L);
        String late = ids.next("pi", 1_700_000_000_001L);
        assertThat(early).matches("pi_[0-9a-z]{24}");
        assertThat(ScaleIds.millisOf(early)).isEqualTo(1_700_000_000_000L);
        assertThat(early).isLessThan(late);
    }

    @Test
    void copyTextEscapesSeparatorsAndMarksNulls() {
        CopyRows rows = new CopyRows("t", "a, b, c");
        rows.add("tab\there, line\nbreak \\ slash").add((String) null).add(true);
        assertThat(rows.text()).isEqualTo("tab\\there, line\\nbreak \\\\ slash\t\\N\tt\n");
        assertThat(rows.rows()).isEqualTo(1);
        rows.add("incomplete");
        assertThatThrownBy(() -> rows.copyTo(null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("incomplete");
    }

    @Test
    void intentsAreOrderedAndEveryRowMatchesItsIntent() {
        ScaleWorld world = world(10_000);
        ScaleBatch batch = new ScaleBatch(world, true, new LedgerTotals(), new ScaleSample(), 0);
        batch.generate(0, 2_000);
        List<String[]> intents = rows(batch.intents);
        assertThat(intents).hasSize(2_000);
        String previous = "";
        for (String[] intent : intents) {
            assertThat(intent[0]).isGreaterThan(previous);
            previous = intent[0];
            assertThat(Long.parseLong(intent[22])).isEqualTo(ScaleIds.millisOf(intent[0]) / 1000);
            assertThat(Long.parseLong(intent[22]) * 1000).isBetween(world.startMs() - 1000, world.endMs());
        }
        long charged = intents.stream().filter(i -> !i[17].equals("\\N")).count();
        assertThat(rows(batch.charges)).hasSize((int) charged);
        long canceled = intents.stream().filter(i -> i[5].equals("canceled")).count();
        assertThat(charged + canceled).isEqualTo(2_000);
        assertThat(rows(batch.metadata)).hasSize(800);
        assertThat(rows(batch.events).size()).isGreaterThan(2_000 * 2);
    }

    @Test
    void journalEntriesBalanceAndTheBalanceEqualsTheNetOfItsTransactions() {
        LedgerTotals totals = new LedgerTotals();
        ScaleBatch batch = new ScaleBatch(world(5_000), true, totals, new ScaleSample(), 3);
        batch.generate(0, 5_000);
        Map<String, Long> perEntry = new HashMap<>();
        for (String[] posting : rows(batch.postings)) {
            perEntry.merge(posting[0], Long.parseLong(posting[4]) - Long.parseLong(posting[5]), Long::sum);
        }
        assertThat(perEntry.values()).allMatch(sum -> sum == 0);
        assertThat(perEntry.keySet()).containsExactlyInAnyOrderElementsOf(rows(batch.entries).stream().map(e -> e[0]).toList());
        long net = rows(batch.transactions).stream().mapToLong(t -> Long.parseLong(t[5])).sum();
        assertThat(totals.available() + totals.pending()).isEqualTo(net);
        assertThat(rows(batch.refunds)).isNotEmpty();
    }

    @Test
    void feesFollowThePlatformDefaultPricing() {
        assertThat(ScaleBatch.fee(1000)).isEqualTo(59);
        assertThat(ScaleBatch.fee(1050)).isEqualTo(60);
        assertThat(ScaleBatch.fee(10)).isEqualTo(10);
        assertThat(ScaleBatch.halfUp(5, 10)).isEqualTo(1);
        assertThat(ScaleBatch.halfUp(4, 10)).isZero();
    }
}

package io.paygate.bench.scale;

import java.util.List;

/**
 * What every batch of generated rows shares: the merchant (test mode), its simulator connector
 * account, its customers and their cards, the ledger accounts the money moves between, and the time
 * span the payment intents' {@code created} values spread over.
 *
 * @param intents how many payment intents in all
 * @param startMs creation time of the first intent; the last one is created just before {@code endMs}
 * @param nowMs the load's "now": refunds and settlement never go past it
 */
record ScaleWorld(String merchantId, String connectorAccountId, List<String> customers, List<String> customerCards,
                  List<String> guestCards, LedgerAccounts accounts, long intents, long startMs, long endMs, long nowMs,
                  int settlementDelayDays, String apiVersion, long seed) {

    /** The ledger accounts of the merchant (pending, available), its processor account and Paygate's fee revenue. */
    record LedgerAccounts(String receivable, String pending, String available, String revenue) {
    }

    static final String CONNECTOR = "simulator";
    static final String CURRENCY = "usd";

    /** The creation time of intent {@code index}: evenly spread, with jitter that never reorders them. */
    long intentMillis(long index, java.util.SplittableRandom random) {
        double step = (double) (endMs - startMs) / intents;
        return startMs + (long) (index * step) + (long) (random.nextDouble() * Math.max(1, step - 1));
    }
}

package io.paygate.bench.scale;

import java.util.concurrent.atomic.LongAdder;

/**
 * The debit and credit totals the loaded money movements add to each ledger account, summed across
 * the loader's workers and written once at the end into {@code ledger_accounts}, whose maintained
 * totals are what {@code GET /v1/balance} reads.
 */
final class LedgerTotals {

    final LongAdder receivableDebits = new LongAdder();
    final LongAdder receivableCredits = new LongAdder();
    final LongAdder pendingDebits = new LongAdder();
    final LongAdder pendingCredits = new LongAdder();
    final LongAdder availableDebits = new LongAdder();
    final LongAdder availableCredits = new LongAdder();
    final LongAdder revenueDebits = new LongAdder();
    final LongAdder revenueCredits = new LongAdder();

    /** A capture: receivable to pending (the amount), pending to revenue (the fee). */
    void capture(long amount, long fee) {
        receivableDebits.add(amount);
        pendingCredits.add(amount);
        pendingDebits.add(fee);
        revenueCredits.add(fee);
    }

    /** Settlement: the net moves from pending to available. */
    void release(long net) {
        pendingDebits.add(net);
        availableCredits.add(net);
    }

    /** A refund: available to receivable (the amount), revenue back to available (the fee share). */
    void refund(long amount, long feeReversed) {
        availableDebits.add(amount);
        receivableCredits.add(amount);
        revenueDebits.add(feeReversed);
        availableCredits.add(feeReversed);
    }

    /** The merchant's available balance as {@code GET /v1/balance} shows it (credit-normal). */
    long available() {
        return availableCredits.sum() - availableDebits.sum();
    }

    long pending() {
        return pendingCredits.sum() - pendingDebits.sum();
    }
}

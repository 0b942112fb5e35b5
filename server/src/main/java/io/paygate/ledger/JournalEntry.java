package io.paygate.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One money movement: postings whose debits equal their credits in every currency. Built with
 * {@link Builder}; zero amounts are left out, and an entry that does not balance cannot be built.
 */
record JournalEntry(String id, String merchantId, boolean livemode, String kind, String sourceId, String description,
                    List<Posting> postings, long created) {

    JournalEntry {
        postings = List.copyOf(postings);
        if (postings.isEmpty()) {
            throw new IllegalArgumentException("a journal entry needs postings");
        }
        Map<String, Long> sums = new HashMap<>();
        for (Posting p : postings) {
            sums.merge(p.currency(), Math.subtractExact(p.debit(), p.credit()), Math::addExact);
        }
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("journal entry " + kind + " does not balance in " + currency + ": " + sum);
            }
        });
    }

    static final class Builder {
        private final List<Posting> postings = new ArrayList<>();

        /** Debits one account and credits the other (TigerBeetle's transfer); a negative amount reverses them. */
        Builder transfer(String debitAccount, String creditAccount, String currency, long amount) {
            if (amount < 0) {
                return transfer(creditAccount, debitAccount, currency, -amount);
            }
            if (amount > 0) {
                postings.add(Posting.debit(debitAccount, currency, amount));
                postings.add(Posting.credit(creditAccount, currency, amount));
            }
            return this;
        }

        boolean isEmpty() {
            return postings.isEmpty();
        }

        List<Posting> postings() {
            return postings;
        }
    }
}

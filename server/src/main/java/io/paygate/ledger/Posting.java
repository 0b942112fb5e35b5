package io.paygate.ledger;

/** One side of a journal entry: exactly one of {@code debit} and {@code credit} is positive. */
record Posting(String accountId, String currency, long debit, long credit) {

    Posting {
        if (debit < 0 || credit < 0 || (debit > 0) == (credit > 0)) {
            throw new IllegalArgumentException("a posting is a positive debit or a positive credit, not both");
        }
    }

    static Posting debit(String accountId, String currency, long amount) {
        return new Posting(accountId, currency, amount, 0);
    }

    static Posting credit(String accountId, String currency, long amount) {
        return new Posting(accountId, currency, 0, amount);
    }
}

package io.paygate.ledger;

import java.util.Locale;

/**
 * The ledger's accounts. Merchant balances and Paygate's fee revenue are credit-normal (what is
 * owed to their owner grows with credits); a processor receivable is debit-normal (what the
 * processor owes Paygate grows with debits).
 */
public enum AccountKind {
    MERCHANT_PENDING("merchant", true),
    MERCHANT_AVAILABLE("merchant", true),
    MERCHANT_RESERVE("merchant", true),
    PROCESSOR_RECEIVABLE("processor", false),
    PLATFORM_FEE_REVENUE("platform", true);

    private final String ownerType;
    private final boolean creditNormal;

    AccountKind(String ownerType, boolean creditNormal) {
        this.ownerType = ownerType;
        this.creditNormal = creditNormal;
    }

    public String ownerType() {
        return ownerType;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The balance as its owner sees it, from the posted (or pending) debit and credit totals. */
    public long balance(long debits, long credits) {
        return creditNormal ? credits - debits : debits - credits;
    }
}

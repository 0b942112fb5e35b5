package io.paygate.ledger;

import io.paygate.connector.spi.Currency;
import io.paygate.connector.spi.Money;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The double-entry ledger behind every balance. Each method is one money movement, written in the
 * caller's transaction (the one that changes the payment, refund or dispute), as one balanced
 * journal entry plus the merchant's balance transaction. Authorizations are two-phase: a pending
 * transfer that a capture posts (possibly for less) or a cancellation voids.
 */
@Service
public class Ledger {

    /** A charge's money as the ledger needs it. */
    public record ChargeMoney(String chargeId, String merchantId, boolean livemode, String connectorAccountId,
                              String paymentMethodType, Money amount) {
    }

    /** What a capture recorded: the merchant's balance transaction and the fee taken. */
    public record Captured(String balanceTransactionId, long fee) {
    }

    /** What a refund recorded: its balance transaction and the part of the fee given back. */
    public record Refunded(String balanceTransactionId, long feeReversed) {
    }

    /** What a dispute withdrawal recorded. */
    public record Withdrawn(String balanceTransactionId, long fee) {
    }

    private static final String PLATFORM = "paygate";

    private final LedgerStore store;
    private final BalanceTransactionRepository transactions;
    private final FeeSchedule fees;
    private final Ids ids;
    private final Clock clock;

    Ledger(LedgerStore store, BalanceTransactionRepository transactions, FeeSchedule fees, Ids ids, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.fees = fees;
        this.ids = ids;
        this.clock = clock;
    }

    /** An authorization: the amount is reserved (pending) from the processor to the merchant. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdAuthorization(ChargeMoney charge) {
        String currency = charge.amount().currencyCode();
        store.createPending(ids.next("lpt"), charge.merchantId(), charge.livemode(),
                account(charge.connectorAccountId(), charge.livemode(), currency, AccountKind.PROCESSOR_RECEIVABLE),
                account(charge.merchantId(), charge.livemode(), currency, AccountKind.MERCHANT_PENDING),
                currency, charge.amount().amountMinor(), charge.chargeId());
    }

    /** An authorization released without capture: its pending transfer is voided. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseAuthorization(String chargeId) {
        store.openPendingFor(chargeId).ifPresent(t -> store.closePending(t, "voided", 0));
    }

    /**
     * A capture of {@code capturedMinor}: posts the authorization's pending transfer (the rest is
     * released) or, without one, moves the money directly; takes the fee; the merchant's line is
     * pending until the settlement delay has passed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Captured recordCapture(ChargeMoney charge, long capturedMinor, String description) {
        return capture(charge, capturedMinor, description, true);
    }

    /**
     * A payment authorized and captured in one answer: as {@link #recordCapture}, but no
     * authorization was held before it, so there is no pending transfer to look for.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Captured recordSale(ChargeMoney charge, long capturedMinor, String description) {
        return capture(charge, capturedMinor, description, false);
    }

    private Captured capture(ChargeMoney charge, long capturedMinor, String description, boolean held) {
        Currency currency = charge.amount().currency();
        Money captured = new Money(capturedMinor, currency);
        FeeSchedule.Pricing pricing = fees.pricingFor(charge.merchantId(), charge.livemode(), charge.paymentMethodType(), currency);
        long fee = pricing.fee(captured);
        if (held) {
            store.openPendingFor(charge.chargeId()).ifPresent(t -> {
                if (t.amount() < capturedMinor) {
                    throw new IllegalStateException("capture of " + capturedMinor + " exceeds the authorization of " + t.amount());
                }
                store.closePending(t, "posted", capturedMinor);
            });
        }
        String receivable = account(charge.connectorAccountId(), charge.livemode(), currency.code(), AccountKind.PROCESSOR_RECEIVABLE);
        String pending = account(charge.merchantId(), charge.livemode(), currency.code(), AccountKind.MERCHANT_PENDING);
        String revenue = account(PLATFORM, charge.livemode(), currency.code(), AccountKind.PLATFORM_FEE_REVENUE);
        JournalEntry.Builder postings = new JournalEntry.Builder()
                .transfer(receivable, pending, currency.code(), capturedMinor)
                .transfer(pending, revenue, currency.code(), fee);
        String entry = post(charge.merchantId(), charge.livemode(), "charge_captured", charge.chargeId(), description, postings);
        String txn = balanceTransaction(charge.merchantId(), charge.livemode(), capturedMinor, fee, currency.code(), "charge",
                "charge", "pending", availableOn(charge.merchantId()), charge.chargeId(), description, entry);
        return new Captured(txn, fee);
    }

    /**
     * A refund of {@code amount}, taken from the merchant's available balance (which may go
     * negative). When the pricing returns fees, the share of the fee for the refunded part comes back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Refunded recordRefund(String refundId, ChargeMoney charge, long amount, long chargeCaptured, long chargeFee,
                                 long feeAlreadyReversed, long refundedBefore) {
        Currency currency = charge.amount().currency();
        FeeSchedule.Pricing pricing = fees.pricingFor(charge.merchantId(), charge.livemode(), charge.paymentMethodType(), currency);
        long feeReversed = 0;
        if (pricing.refundFees() && chargeCaptured > 0) {
            long due = new Money(chargeFee, currency).proportion(Math.addExact(refundedBefore, amount), chargeCaptured,
                    pricing.rounding()).amountMinor();
            feeReversed = Math.max(0, Math.min(chargeFee - feeAlreadyReversed, due - feeAlreadyReversed));
        }
        String available = account(charge.merchantId(), charge.livemode(), currency.code(), AccountKind.MERCHANT_AVAILABLE);
        String receivable = account(charge.connectorAccountId(), charge.livemode(), currency.code(), AccountKind.PROCESSOR_RECEIVABLE);
        String revenue = account(PLATFORM, charge.livemode(), currency.code(), AccountKind.PLATFORM_FEE_REVENUE);
        JournalEntry.Builder postings = new JournalEntry.Builder()
                .transfer(available, receivable, currency.code(), amount)
                .transfer(revenue, available, currency.code(), feeReversed);
        String entry = post(charge.merchantId(), charge.livemode(), "refund", refundId, "Refund", postings);
        String txn = balanceTransaction(charge.merchantId(), charge.livemode(), -amount, -feeReversed, currency.code(), "refund",
                "refund", "available", startOfToday(), refundId, "Refund", entry);
        return new Refunded(txn, feeReversed);
    }

    /** A refund that failed or was canceled after it was recorded: the money (and fee share) return. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String recordRefundReversal(String refundId, ChargeMoney charge, long amount, long feeReversed, String why) {
        String currency = charge.amount().currencyCode();
        String available = account(charge.merchantId(), charge.livemode(), currency, AccountKind.MERCHANT_AVAILABLE);
        String receivable = account(charge.connectorAccountId(), charge.livemode(), currency, AccountKind.PROCESSOR_RECEIVABLE);
        String revenue = account(PLATFORM, charge.livemode(), currency, AccountKind.PLATFORM_FEE_REVENUE);
        JournalEntry.Builder postings = new JournalEntry.Builder()
                .transfer(receivable, available, currency, amount)
                .transfer(available, revenue, currency, feeReversed);
        String entry = post(charge.merchantId(), charge.livemode(), "refund_reversal", refundId, why, postings);
        return balanceTransaction(charge.merchantId(), charge.livemode(), amount, feeReversed, currency, "refund_failure",
                "refund_failure", "available", startOfToday(), refundId, why, entry);
    }

    /** A dispute opened: the disputed amount and the dispute fee move from available into the dispute reserve. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Withdrawn recordDisputeWithdrawal(String disputeId, ChargeMoney charge, long amount) {
        Currency currency = charge.amount().currency();
        long fee = fees.pricingFor(charge.merchantId(), charge.livemode(), charge.paymentMethodType(), currency).disputeFeeMinor();
        String available = account(charge.merchantId(), charge.livemode(), currency.code(), AccountKind.MERCHANT_AVAILABLE);
        String reserve = account(charge.merchantId(), charge.livemode(), currency.code(), AccountKind.MERCHANT_RESERVE);
        JournalEntry.Builder postings = new JournalEntry.Builder()
                .transfer(available, reserve, currency.code(), Math.addExact(amount, fee));
        String entry = post(charge.merchantId(), charge.livemode(), "dispute_withdrawal", disputeId, "Chargeback withdrawal", postings);
        String txn = balanceTransaction(charge.merchantId(), charge.livemode(), -amount, fee, currency.code(), "dispute",
                "dispute", "available", startOfToday(), disputeId, "Chargeback withdrawal", entry);
        return new Withdrawn(txn, fee);
    }

    /** A dispute won: the withdrawn amount and fee come back from the reserve. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String recordDisputeReinstatement(String disputeId, ChargeMoney charge, long amount, long fee) {
        String currency = charge.amount().currencyCode();
        String available = account(charge.merchantId(), charge.livemode(), currency, AccountKind.MERCHANT_AVAILABLE);
        String reserve = account(charge.merchantId(), charge.livemode(), currency, AccountKind.MERCHANT_RESERVE);
        JournalEntry.Builder postings = new JournalEntry.Builder().transfer(reserve, available, currency, Math.addExact(amount, fee));
        String entry = post(charge.merchantId(), charge.livemode(), "dispute_reinstatement", disputeId, "Chargeback reversal", postings);
        return balanceTransaction(charge.merchantId(), charge.livemode(), amount, -fee, currency, "adjustment",
                "dispute_reversal", "available", startOfToday(), disputeId, "Chargeback reversal", entry);
    }

    /** A dispute lost: the reserve pays the cardholder (through the processor) and the fee. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordDisputeLoss(String disputeId, ChargeMoney charge, long amount, long fee) {
        String currency = charge.amount().currencyCode();
        String reserve = account(charge.merchantId(), charge.livemode(), currency, AccountKind.MERCHANT_RESERVE);
        String receivable = account(charge.connectorAccountId(), charge.livemode(), currency, AccountKind.PROCESSOR_RECEIVABLE);
        String revenue = account(PLATFORM, charge.livemode(), currency, AccountKind.PLATFORM_FEE_REVENUE);
        JournalEntry.Builder postings = new JournalEntry.Builder()
                .transfer(reserve, receivable, currency, amount)
                .transfer(reserve, revenue, currency, fee);
        post(charge.merchantId(), charge.livemode(), "dispute_loss", disputeId, "Chargeback lost", postings);
    }

    /** Moves one pending charge line to available once its day has come; false if another worker did. */
    @Transactional
    public boolean release(BalanceTransaction line) {
        if (!transactions.markAvailable(line.id())) {
            return false;
        }
        String pending = account(line.merchantId(), line.livemode(), line.currency(), AccountKind.MERCHANT_PENDING);
        String available = account(line.merchantId(), line.livemode(), line.currency(), AccountKind.MERCHANT_AVAILABLE);
        post(line.merchantId(), line.livemode(), "funds_available", line.id(), "Funds available",
                new JournalEntry.Builder().transfer(pending, available, line.currency(), line.net()));
        return true;
    }

    public List<BalanceTransaction> dueForRelease(int limit) {
        return transactions.dueForRelease(clock.instant().getEpochSecond(), limit);
    }

    /** {@code GET /v1/balance}: available and pending per currency, plus what disputes hold in reserve. */
    public Map<String, Object> balance(String merchantId, boolean livemode) {
        List<LedgerStore.Balances> accounts = store.accountsOf(merchantId, livemode, AccountKind.MERCHANT_AVAILABLE,
                AccountKind.MERCHANT_PENDING, AccountKind.MERCHANT_RESERVE);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "balance");
        out.put("available", amounts(accounts, AccountKind.MERCHANT_AVAILABLE));
        out.put("livemode", livemode);
        out.put("pending", amounts(accounts, AccountKind.MERCHANT_PENDING));
        out.put("reserved", amounts(accounts, AccountKind.MERCHANT_RESERVE));
        return out;
    }

    private static List<Map<String, Object>> amounts(List<LedgerStore.Balances> accounts, AccountKind kind) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LedgerStore.Balances b : accounts) {
            if (b.kind() == kind) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("amount", b.posted());
                line.put("currency", b.currency());
                line.put("source_types", Map.of("card", b.posted()));
                out.add(line);
            }
        }
        return out;
    }

    public BalanceTransaction balanceTransaction(String merchantId, boolean livemode, String id) {
        return transactions.find(merchantId, livemode, id)
                .orElseThrow(() -> ApiException.notFound("balance_transaction", id, "id"));
    }

    private String balanceTransaction(String merchantId, boolean livemode, long amount, long fee, String currency, String type,
                                      String category, String status, long availableOn, String source, String description,
                                      String entry) {
        List<Map<String, Object>> details = new ArrayList<>();
        if (fee != 0) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("amount", fee);
            detail.put("application", null);
            detail.put("currency", currency);
            detail.put("description", type.startsWith("dispute") ? "Dispute fee" : "Paygate processing fees");
            detail.put("type", "stripe_fee");
            details.add(detail);
        }
        BalanceTransaction txn = new BalanceTransaction(ids.next("txn"), merchantId, livemode, amount, fee,
                Math.subtractExact(amount, fee), currency, type, category, status, availableOn, source, description, details,
                entry, clock.instant().getEpochSecond());
        transactions.insert(txn);
        return txn.id();
    }

    private String post(String merchantId, boolean livemode, String kind, String source, String description,
                        JournalEntry.Builder postings) {
        String id = ids.next("je");
        if (postings.isEmpty()) {
            return id;
        }
        store.post(new JournalEntry(id, merchantId, livemode, kind, source, description, postings.postings(),
                clock.instant().getEpochSecond()));
        return id;
    }

    private String account(String ownerId, boolean livemode, String currency, AccountKind kind) {
        return store.account(ownerId, livemode, currency, kind);
    }

    private long availableOn(String merchantId) {
        long day = 86_400;
        long now = clock.instant().getEpochSecond();
        return (now / day + fees.settlementDelayDays(merchantId)) * day;
    }

    private long startOfToday() {
        return clock.instant().getEpochSecond() / 86_400 * 86_400;
    }
}

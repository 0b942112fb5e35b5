package io.paygate.bench.scale;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One batch of generated history: a contiguous range of payment intents (oldest first, so ids
 * arrive in index order) with what the server would have written for them. Per intent:
 * <ul>
 *   <li>88% succeeded: a captured charge, its balance transaction (pending until the settlement
 *       delay has passed, then available), the capture's journal entry and, once settled, the
 *       funds-available entry; events payment_intent.created, charge.succeeded, payment_intent.succeeded.
 *       5% of these are refunded (60% in full): refund, balance transaction, journal entry, events
 *       refund.created and charge.refunded.</li>
 *   <li>8% failed: a declined charge, the intent back in requires_payment_method with
 *       last_payment_error; events charge.failed, payment_intent.payment_failed.</li>
 *   <li>4% canceled before confirmation; event payment_intent.canceled.</li>
 * </ul>
 * 70% belong to a customer; 40% carry {@code metadata[order_id]} (indexed in metadata_entries).
 */
final class ScaleBatch {

    static final String INTENT_COLUMNS = "id, merchant_id, livemode, amount, currency, status, capture_method, confirmation_method, "
            + "customer_id, payment_method_id, payment_method_types, client_secret, amount_capturable, amount_received, "
            + "canceled_at, cancellation_reason, last_payment_error, latest_charge_id, connector, connector_account_id, metadata, "
            + "version, created";
    static final String CHARGE_COLUMNS = "id, merchant_id, livemode, payment_intent_id, attempt_number, customer_id, "
            + "payment_method_id, amount, amount_captured, amount_refunded, currency, capture, status, processor_state, "
            + "failure_code, failure_message, decline_code, payment_method_details, connector, connector_account_id, "
            + "processor_reference, metadata, created, updated_ms, check_count, fee, fee_refunded, balance_transaction_id";
    static final String REFUND_COLUMNS = "id, merchant_id, livemode, charge_id, payment_intent_id, amount, fee_reversed, currency, "
            + "status, processor_state, reason, balance_transaction_id, connector_account_id, processor_reference, metadata, "
            + "created, updated_ms, check_count";
    static final String EVENT_COLUMNS = "id, merchant_id, livemode, type, object_id, api_version, data, created";
    static final String TXN_COLUMNS = "id, merchant_id, livemode, amount, fee, net, currency, type, reporting_category, status, "
            + "available_on, source_id, description, fee_details, entry_id, created";
    static final String ENTRY_COLUMNS = "id, merchant_id, livemode, kind, source_id, description, created";
    static final String POSTING_COLUMNS = "entry_id, seq, account_id, currency, debit, credit";
    static final String METADATA_COLUMNS = "object_id, merchant_id, livemode, object_type, meta_key, meta_value";

    private static final String CARD_DETAILS = "{\"card\":{\"brand\":\"visa\",\"country\":\"US\",\"exp_month\":12,"
            + "\"exp_year\":2030,\"funding\":\"credit\",\"last4\":\"4242\",\"network\":\"visa\"},\"type\":\"card\"}";
    private static final long DAY_SECONDS = 86_400;

    final CopyRows intents = new CopyRows("payment_intents", INTENT_COLUMNS);
    final CopyRows charges = new CopyRows("charges", CHARGE_COLUMNS);
    final CopyRows refunds = new CopyRows("refunds", REFUND_COLUMNS);
    final CopyRows events = new CopyRows("events", EVENT_COLUMNS);
    final CopyRows transactions = new CopyRows("balance_transactions", TXN_COLUMNS);
    final CopyRows entries = new CopyRows("journal_entries", ENTRY_COLUMNS);
    final CopyRows postings = new CopyRows("postings", POSTING_COLUMNS);
    final CopyRows metadata = new CopyRows("metadata_entries", METADATA_COLUMNS);

    private final ScaleWorld world;
    private final boolean journal;
    private final LedgerTotals totals;
    private final ScaleSample sample;
    private final double sampleRate;
    private final SplittableRandom random;
    private final ScaleIds ids;

    ScaleBatch(ScaleWorld world, boolean journal, LedgerTotals totals, ScaleSample sample, long batchIndex) {
        this.world = world;
        this.journal = journal;
        this.totals = totals;
        this.sample = sample;
        this.sampleRate = Math.min(1.0, 20_000.0 / world.intents());
        this.random = new SplittableRandom(world.seed() * 1_000_003L + batchIndex);
        this.ids = new ScaleIds(random);
    }

    List<CopyRows> tables() {
        return List.of(intents, charges, refunds, events, transactions, entries, postings, metadata);
    }

    /** Generates intents {@code [from, to)}. */
    void generate(long from, long to) {
        for (long i = from; i < to; i++) {
            intent(i);
        }
    }

    /** Sends every table's rows; returns the number of rows sent. */
    long copyTo(Connection connection) throws SQLException {
        long rows = 0;
        for (CopyRows table : tables()) {
            rows += table.copyTo(connection);
        }
        return rows;
    }

    private void intent(long index) {
        long t0 = world.intentMillis(index, random);
        String id = ids.next("pi", t0);
        double roll = random.nextDouble();
        String outcome = roll < 0.88 ? "succeeded" : roll < 0.96 ? "failed" : "canceled";
        String customer = null;
        String card;
        if (random.nextDouble() < 0.7) {
            int c = random.nextInt(world.customers().size());
            customer = world.customers().get(c);
            card = world.customerCards().get(c);
        } else {
            card = world.guestCards().get(random.nextInt(world.guestCards().size()));
        }
        long amount = 500 + random.nextInt(50_000);
        String orderId = index % 5 < 2 ? "ord_" + index : null;
        String meta = orderId == null ? "{}" : "{\"order_id\":\"" + orderId + "\"}";
        long created = t0 / 1000;
        event("payment_intent.created", id, t0 + 1, intentJson(id, amount, "requires_payment_method", customer, null, meta, created));
        if (orderId != null) {
            metadata.add(id).add(world.merchantId()).add(false).add("payment_intent").add("order_id").add(orderId);
            if (random.nextDouble() < sampleRate * 2.5) {
                sample.orderId(orderId);
            }
        }
        String chargeId = null;
        switch (outcome) {
            case "succeeded" -> chargeId = succeeded(id, t0, amount, customer, card, meta);
            case "failed" -> chargeId = failed(id, t0, amount, customer, card, meta);
            default -> canceled(id, t0, amount, customer, card, meta);
        }
        if (random.nextDouble() < sampleRate) {
            sample.intent(id, chargeId != null);
        }
    }

    private String succeeded(String intentId, long t0, long amount, String customer, String card, String meta) {
        long tc = t0 + 400;
        String chargeId = ids.next("ch", tc);
        long fee = fee(amount);
        String entryId = ids.next("je", tc + 1);
        String txnId = ids.next("txn", tc + 2);
        long chargeCreated = tc / 1000;
        long availableOn = (chargeCreated / DAY_SECONDS + world.settlementDelayDays()) * DAY_SECONDS;
        boolean settled = availableOn * 1000 <= world.nowMs();
        long refunded = 0;
        long feeRefunded = 0;
        String refundId = null;
        long tr = 0;
        if (random.nextDouble() < 0.05) {
            tr = Math.min(world.nowMs() - 60_000, tc + 1000 + (long) (random.nextDouble() * 7 * DAY_SECONDS * 1000));
            if (tr > tc + 10) {
                refunded = random.nextDouble() < 0.6 ? amount : Math.max(1, amount / 2);
                feeRefunded = halfUp(fee * refunded, amount);
                refundId = ids.next("re", tr);
            }
        }
        intents.add(intentId).add(world.merchantId()).add(false).add(amount).add(ScaleWorld.CURRENCY).add("succeeded")
                .add("automatic").add("automatic").add(customer).add(card).add("card").add(secret(intentId)).add(0).add(amount)
                .add((String) null).add((String) null).add((String) null).add(chargeId).add(ScaleWorld.CONNECTOR)
                .add(world.connectorAccountId()).add(meta).add(3).add(t0 / 1000);
        charges.add(chargeId).add(world.merchantId()).add(false).add(intentId).add(1).add(customer).add(card).add(amount)
                .add(amount).add(refunded).add(ScaleWorld.CURRENCY).add(true).add("succeeded").add("CAPTURED")
                .add((String) null).add((String) null).add((String) null).add(CARD_DETAILS).add(ScaleWorld.CONNECTOR)
                .add(world.connectorAccountId()).add("simpay_" + ids.token(20)).add("{}").add(chargeCreated).add(tc + 300)
                .add(0).add(fee).add(feeRefunded).add(txnId);
        transactions.add(txnId).add(world.merchantId()).add(false).add(amount).add(fee).add(amount - fee).add(ScaleWorld.CURRENCY)
                .add("charge").add("charge").add(settled ? "available" : "pending").add(availableOn).add(chargeId)
                .add((String) null).add(feeDetails(fee)).add(entryId).add(chargeCreated);
        totals.capture(amount, fee);
        if (journal) {
            entry(entryId, "charge_captured", chargeId, null, chargeCreated);
            posting(entryId, 0, world.accounts().receivable(), amount, 0);
            posting(entryId, 1, world.accounts().pending(), 0, amount);
            posting(entryId, 2, world.accounts().pending(), fee, 0);
            posting(entryId, 3, world.accounts().revenue(), 0, fee);
        }
        if (settled) {
            totals.release(amount - fee);
            if (journal) {
                String released = ids.next("je", availableOn * 1000 + random.nextInt(60_000));
                entry(released, "funds_available", txnId, "Funds available", availableOn);
                posting(released, 0, world.accounts().pending(), amount - fee, 0);
                posting(released, 1, world.accounts().available(), 0, amount - fee);
            }
        }
        String intentJson = intentJson(intentId, amount, "succeeded", customer, chargeId, meta, t0 / 1000);
        event("charge.succeeded", chargeId, tc + 3, chargeJson(chargeId, intentId, amount, 0, "succeeded", customer, chargeCreated));
        event("payment_intent.succeeded", intentId, tc + 4, intentJson);
        if (refundId != null) {
            refund(refundId, tr, chargeId, intentId, amount, refunded, feeRefunded, customer, chargeCreated);
        }
        return chargeId;
    }

    private void refund(String refundId, long tr, String chargeId, String intentId, long amount, long refunded, long feeReversed,
                        String customer, long chargeCreated) {
        long created = tr / 1000;
        String entryId = ids.next("je", tr + 1);
        String txnId = ids.next("txn", tr + 2);
        refunds.add(refundId).add(world.merchantId()).add(false).add(chargeId).add(intentId).add(refunded).add(feeReversed)
                .add(ScaleWorld.CURRENCY).add("succeeded").add("SUCCEEDED").add("requested_by_customer").add(txnId)
                .add(world.connectorAccountId()).add("simre_" + ids.token(20)).add("{}").add(created).add(tr + 500).add(0);
        transactions.add(txnId).add(world.merchantId()).add(false).add(-refunded).add(-feeReversed).add(feeReversed - refunded)
                .add(ScaleWorld.CURRENCY).add("refund").add("refund").add("available").add(created / DAY_SECONDS * DAY_SECONDS)
                .add(refundId).add("Refund").add(feeDetails(-feeReversed)).add(entryId).add(created);
        totals.refund(refunded, feeReversed);
        if (journal) {
            entry(entryId, "refund", refundId, "Refund", created);
            int seq = 0;
            posting(entryId, seq++, world.accounts().available(), refunded, 0);
            posting(entryId, seq++, world.accounts().receivable(), 0, refunded);
            if (feeReversed > 0) {
                posting(entryId, seq++, world.accounts().revenue(), feeReversed, 0);
                posting(entryId, seq, world.accounts().available(), 0, feeReversed);
            }
        }
        event("refund.created", refundId, tr + 3, "{\"object\":{\"id\":\"" + refundId + "\",\"object\":\"refund\",\"amount\":"
                + refunded + ",\"balance_transaction\":\"" + txnId + "\",\"charge\":\"" + chargeId + "\",\"created\":" + created
                + ",\"currency\":\"usd\",\"metadata\":{},\"payment_intent\":\"" + intentId
                + "\",\"reason\":\"requested_by_customer\",\"status\":\"succeeded\"}}");
        event("charge.refunded", chargeId, tr + 4, chargeJson(chargeId, intentId, amount, refunded, "succeeded", customer,
                chargeCreated));
    }

    private String failed(String intentId, long t0, long amount, String customer, String card, String meta) {
        long tc = t0 + 400;
        String chargeId = ids.next("ch", tc);
        long chargeCreated = tc / 1000;
        String error = "{\"charge\":\"" + chargeId + "\",\"code\":\"card_declined\",\"decline_code\":\"generic_decline\","
                + "\"message\":\"Your card was declined.\",\"type\":\"card_error\"}";
        intents.add(intentId).add(world.merchantId()).add(false).add(amount).add(ScaleWorld.CURRENCY).add("requires_payment_method")
                .add("automatic").add("automatic").add(customer).add((String) null).add("card").add(secret(intentId)).add(0).add(0)
                .add((String) null).add((String) null).add(error).add(chargeId).add(ScaleWorld.CONNECTOR)
                .add(world.connectorAccountId()).add(meta).add(2).add(t0 / 1000);
        charges.add(chargeId).add(world.merchantId()).add(false).add(intentId).add(1).add(customer).add(card).add(amount)
                .add(0).add(0).add(ScaleWorld.CURRENCY).add(true).add("failed").add("DECLINED")
                .add("card_declined").add("Your card was declined.").add("generic_decline").add(CARD_DETAILS)
                .add(ScaleWorld.CONNECTOR).add(world.connectorAccountId()).add("simpay_" + ids.token(20)).add("{}")
                .add(chargeCreated).add(tc + 300).add(0).add(0).add(0).add((String) null);
        event("charge.failed", chargeId, tc + 3, chargeJson(chargeId, intentId, amount, 0, "failed", customer, chargeCreated));
        event("payment_intent.payment_failed", intentId, tc + 4,
                intentJson(intentId, amount, "requires_payment_method", customer, chargeId, meta, t0 / 1000));
        return chargeId;
    }

    private void canceled(String intentId, long t0, long amount, String customer, String card, String meta) {
        long canceledMs = Math.min(world.nowMs() - 1000, t0 + 3_600_000);
        intents.add(intentId).add(world.merchantId()).add(false).add(amount).add(ScaleWorld.CURRENCY).add("canceled")
                .add("automatic").add("automatic").add(customer).add(card).add("card").add(secret(intentId)).add(0).add(0)
                .add(canceledMs / 1000).add("abandoned").add((String) null).add((String) null).add((String) null)
                .add((String) null).add(meta).add(1).add(t0 / 1000);
        event("payment_intent.canceled", intentId, Math.max(t0 + 2, canceledMs),
                intentJson(intentId, amount, "canceled", customer, null, meta, t0 / 1000));
    }

    private void event(String type, String objectId, long ms, String data) {
        events.add(ids.next("evt", ms)).add(world.merchantId()).add(false).add(type).add(objectId).add(world.apiVersion())
                .add(data).add(ms / 1000);
    }

    private void entry(String id, String kind, String source, String description, long created) {
        entries.add(id).add(world.merchantId()).add(false).add(kind).add(source).add(description).add(created);
    }

    private void posting(String entryId, int seq, String account, long debit, long credit) {
        postings.add(entryId).add(seq).add(account).add(ScaleWorld.CURRENCY).add(debit).add(credit);
    }

    private String secret(String intentId) {
        return intentId + "_secret_" + ids.token(24);
    }

    private static String intentJson(String id, long amount, String status, String customer, String latestCharge, String meta,
                                     long created) {
        return "{\"object\":{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"amount\":" + amount
                + ",\"amount_received\":" + (status.equals("succeeded") ? amount : 0) + ",\"capture_method\":\"automatic\","
                + "\"created\":" + created + ",\"currency\":\"usd\",\"customer\":" + quoted(customer)
                + ",\"latest_charge\":" + quoted(latestCharge) + ",\"livemode\":false,\"metadata\":" + meta
                + ",\"payment_method_types\":[\"card\"],\"status\":\"" + status + "\"}}";
    }

    private static String chargeJson(String id, String intentId, long amount, long refunded, String status, String customer,
                                     long created) {
        boolean paid = status.equals("succeeded");
        return "{\"object\":{\"id\":\"" + id + "\",\"object\":\"charge\",\"amount\":" + amount + ",\"amount_captured\":"
                + (paid ? amount : 0) + ",\"amount_refunded\":" + refunded + ",\"captured\":" + paid + ",\"created\":" + created
                + ",\"currency\":\"usd\",\"customer\":" + quoted(customer) + ",\"livemode\":false,\"metadata\":{},\"paid\":"
                + paid + ",\"payment_intent\":\"" + intentId + "\",\"refunded\":" + (refunded >= amount)
                + ",\"status\":\"" + status + "\"}}";
    }

    private static String feeDetails(long fee) {
        if (fee == 0) {
            return "[]";
        }
        return "[{\"amount\":" + fee + ",\"application\":null,\"currency\":\"usd\",\"description\":\"Paygate processing fees\","
                + "\"type\":\"stripe_fee\"}]";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** The platform's default pricing (FeeSchedule.platformDefault for USD): 2.9% half-up plus 30 cents, at most the amount. */
    static long fee(long amount) {
        return Math.min(amount, halfUp(amount * 290, 10_000) + 30);
    }

    static long halfUp(long numerator, long denominator) {
        return (2 * numerator + denominator) / (2 * denominator);
    }
}

package io.paygate.simulator;

import java.time.YearMonth;
import java.util.Map;

/**
 * Stripe's test vocabulary: which card numbers, UPI addresses and banks lead to which outcome,
 * and what an approved card does after capture (refunds that fail or wait, disputes). Pure, so
 * every entry is unit-tested. Any card number not listed is approved and refunds at once.
 */
public final class OutcomeTable {

    private static final Map<String, Plan> CARDS = Map.ofEntries(
            Map.entry("4000000000000002", new Plan.Refuse(Decline.GENERIC)),
            Map.entry("4000000000009995", new Plan.Refuse(Decline.INSUFFICIENT_FUNDS)),
            Map.entry("4000000000009987", new Plan.Refuse(Decline.LOST_CARD)),
            Map.entry("4000000000009979", new Plan.Refuse(Decline.STOLEN_CARD)),
            Map.entry("4000000000000069", new Plan.Refuse(Decline.EXPIRED_CARD)),
            Map.entry("4000000000000127", new Plan.Refuse(Decline.INCORRECT_CVC)),
            Map.entry("4000000000000119", new Plan.Refuse(Decline.PROCESSING_ERROR)),
            Map.entry("4100000000000019", new Plan.Refuse(Decline.FRAUDULENT)),
            Map.entry("4000000000003220", new Plan.Challenge(ActionKind.THREE_DS, true, Decline.AUTHENTICATION_FAILED)),
            // Stripe's "3DS required, then declined": whatever the customer does on the page.
            Map.entry("4000008400001629", new Plan.Challenge(ActionKind.THREE_DS, false, Decline.GENERIC)));

    /** Approving cards whose refunds or capture lead somewhere particular; every other payment is ordinary. */
    private static final Map<String, Aftermath> AFTERMATHS = Map.of(
            "4000000000005126", new Aftermath(RefundBehaviour.FAILS_LATER, DisputeBehaviour.NONE),
            "4000000000007726", new Aftermath(RefundBehaviour.PENDING_FIRST, DisputeBehaviour.NONE),
            "4000000000000259", new Aftermath(RefundBehaviour.SUCCEEDS, DisputeBehaviour.CHARGEBACK),
            "4000000000001976", new Aftermath(RefundBehaviour.SUCCEEDS, DisputeBehaviour.INQUIRY));

    private static final String UPI_FAILURE = "failure@upi";
    private static final String BANK_FAILURE_SUFFIX = "_failure";

    private OutcomeTable() {
    }

    /** The plan for an instrument; {@code today} decides whether a card has expired. */
    public static Plan plan(SimInstrument instrument, YearMonth today) {
        return switch (instrument) {
            case SimInstrument.Card card -> card(card, today);
            case SimInstrument.Upi upi -> UPI_FAILURE.equalsIgnoreCase(upi.vpa())
                    ? new Plan.Async(false, Decline.UPI_DECLINED)
                    : new Plan.Async(true, null);
            case SimInstrument.NetBanking bank -> bank.bank().endsWith(BANK_FAILURE_SUFFIX)
                    ? new Plan.Challenge(ActionKind.BANK, false, Decline.BANK_DECLINED)
                    : new Plan.Challenge(ActionKind.BANK, true, null);
        };
    }

    /** What the payment does after capture; UPI and net banking payments refund like ordinary cards. */
    public static Aftermath aftermath(SimInstrument instrument) {
        return switch (instrument) {
            case SimInstrument.Card card -> AFTERMATHS.getOrDefault(card.number(), Aftermath.ORDINARY);
            case SimInstrument.Upi upi -> Aftermath.ORDINARY;
            case SimInstrument.NetBanking bank -> Aftermath.ORDINARY;
        };
    }

    private static Plan card(SimInstrument.Card card, YearMonth today) {
        // An issuer refuses an expired card before anything else, 3-D Secure included.
        if (YearMonth.of(card.expYear(), card.expMonth()).isBefore(today)) {
            return new Plan.Refuse(Decline.EXPIRED_CARD);
        }
        return CARDS.getOrDefault(card.number(), new Plan.Approve());
    }
}

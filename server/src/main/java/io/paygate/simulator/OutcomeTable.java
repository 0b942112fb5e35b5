package io.paygate.simulator;

import java.time.YearMonth;
import java.util.Map;

/**
 * Stripe's test vocabulary: which card numbers, UPI addresses and banks lead to which outcome.
 * Pure, so every entry is unit-tested. Any card number not listed is approved.
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

    private static Plan card(SimInstrument.Card card, YearMonth today) {
        // An issuer refuses an expired card before anything else, 3-D Secure included.
        if (YearMonth.of(card.expYear(), card.expMonth()).isBefore(today)) {
            return new Plan.Refuse(Decline.EXPIRED_CARD);
        }
        return CARDS.getOrDefault(card.number(), new Plan.Approve());
    }
}

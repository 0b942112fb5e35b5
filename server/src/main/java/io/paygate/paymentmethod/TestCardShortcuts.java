package io.paygate.paymentmethod;

import java.util.Map;

/**
 * Stripe's test payment method ids ({@code pm_card_visa}, {@code pm_card_chargeDeclined}, …) and the
 * test card each stands for. Usable in test mode only: each use creates a fresh payment method.
 */
public final class TestCardShortcuts {

    private static final Map<String, String> CARDS = Map.ofEntries(
            Map.entry("pm_card_visa", "4242424242424242"),
            Map.entry("pm_card_visa_debit", "4000056655665556"),
            Map.entry("pm_card_mastercard", "5555555555554444"),
            Map.entry("pm_card_mastercard_debit", "5200828282828210"),
            Map.entry("pm_card_mastercard_prepaid", "5105105105105100"),
            Map.entry("pm_card_amex", "378282246310005"),
            Map.entry("pm_card_discover", "6011111111111117"),
            Map.entry("pm_card_diners", "3056930009020004"),
            Map.entry("pm_card_jcb", "3566002020360505"),
            Map.entry("pm_card_unionpay", "6200000000000005"),
            Map.entry("pm_card_bypassPending", "4000000000000077"),
            Map.entry("pm_card_chargeDeclined", "4000000000000002"),
            Map.entry("pm_card_visa_chargeDeclined", "4000000000000002"),
            Map.entry("pm_card_chargeDeclinedInsufficientFunds", "4000000000009995"),
            Map.entry("pm_card_visa_chargeDeclinedInsufficientFunds", "4000000000009995"),
            Map.entry("pm_card_chargeDeclinedLostCard", "4000000000009987"),
            Map.entry("pm_card_visa_chargeDeclinedLostCard", "4000000000009987"),
            Map.entry("pm_card_chargeDeclinedStolenCard", "4000000000009979"),
            Map.entry("pm_card_visa_chargeDeclinedStolenCard", "4000000000009979"),
            Map.entry("pm_card_chargeDeclinedExpiredCard", "4000000000000069"),
            Map.entry("pm_card_visa_chargeDeclinedExpiredCard", "4000000000000069"),
            Map.entry("pm_card_chargeDeclinedIncorrectCvc", "4000000000000127"),
            Map.entry("pm_card_visa_chargeDeclinedIncorrectCvc", "4000000000000127"),
            Map.entry("pm_card_chargeDeclinedProcessingError", "4000000000000119"),
            Map.entry("pm_card_visa_chargeDeclinedProcessingError", "4000000000000119"),
            Map.entry("pm_card_chargeDeclinedFraudulent", "4100000000000019"),
            Map.entry("pm_card_radarBlock", "4100000000000019"),
            Map.entry("pm_card_threeDSecure2Required", "4000000000003220"),
            Map.entry("pm_card_threeDSecureRequired", "4000000000003220"),
            Map.entry("pm_card_authenticationRequired", "4000000000003220"),
            Map.entry("pm_card_threeDSecureRequiredChargeDeclined", "4000008400001629"),
            Map.entry("pm_card_createDispute", "4000000000000259"));

    private TestCardShortcuts() {
    }

    /** The card number for a shortcut id, or null when the id is not one. */
    public static String cardNumber(String paymentMethodId) {
        return paymentMethodId == null ? null : CARDS.get(paymentMethodId);
    }
}

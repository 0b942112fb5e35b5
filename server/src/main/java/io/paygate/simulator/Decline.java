package io.paygate.simulator;

import java.util.Objects;

/**
 * Why the simulator refused a payment, in Stripe's vocabulary: {@code code} is the error code
 * ({@code card_declined}, {@code expired_card}…), {@code declineCode} the issuer's reason, if any.
 */
public record Decline(String code, String declineCode, String message) {

    private static final String DECLINED = "Your card was declined.";

    public static final Decline GENERIC = card("generic_decline", DECLINED);
    public static final Decline INSUFFICIENT_FUNDS = card("insufficient_funds", "Your card has insufficient funds.");
    public static final Decline LOST_CARD = card("lost_card", DECLINED);
    public static final Decline STOLEN_CARD = card("stolen_card", DECLINED);
    public static final Decline FRAUDULENT = card("fraudulent", DECLINED);
    public static final Decline EXPIRED_CARD = same("expired_card", "Your card has expired.");
    public static final Decline INCORRECT_CVC = same("incorrect_cvc", "Your card's security code is incorrect.");
    public static final Decline PROCESSING_ERROR = same("processing_error",
            "An error occurred while processing your card. Try again in a little bit.");
    public static final Decline AUTHENTICATION_FAILED = same("authentication_required",
            "The cardholder failed 3-D Secure authentication.");
    public static final Decline UPI_DECLINED = provider("The UPI payment was declined by the customer's bank.");
    public static final Decline BANK_DECLINED = provider("The bank declined the payment.");
    public static final Decline BANK_CANCELED = provider("The customer canceled the payment at the bank.");

    public Decline {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The risk level the simulator's fraud screen gives a payment with this decline: only a
     * fraud decline is "highest", as with Stripe's 4100000000000019 test card.
     */
    public String riskLevel() {
        return "fraudulent".equals(declineCode) ? "highest" : "normal";
    }

    private static Decline card(String declineCode, String message) {
        return new Decline("card_declined", declineCode, message);
    }

    private static Decline same(String code, String message) {
        return new Decline(code, code, message);
    }

    private static Decline provider(String message) {
        return new Decline("payment_method_provider_decline", null, message);
    }
}

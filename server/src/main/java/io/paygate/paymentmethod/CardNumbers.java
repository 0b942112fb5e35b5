package io.paygate.paymentmethod;

/** Card number checks that need no network: digits, Luhn, length per brand. */
public final class CardNumbers {

    private CardNumbers() {
    }

    /** The number without spaces or dashes, or null when anything else is in it. */
    public static String normalize(String input) {
        if (input == null) {
            return null;
        }
        String digits = input.replace(" ", "").replace("-", "");
        return digits.matches("\\d{12,19}") ? digits : null;
    }

    public static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}

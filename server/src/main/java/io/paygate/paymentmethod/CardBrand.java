package io.paygate.paymentmethod;

import java.util.Set;

/** Card networks Paygate recognises from the number's leading digits, with their valid lengths. */
public enum CardBrand {
    VISA("visa", Set.of(13, 16, 19), 3),
    MASTERCARD("mastercard", Set.of(16), 3),
    AMEX("amex", Set.of(15), 4),
    DISCOVER("discover", Set.of(16, 17, 18, 19), 3),
    JCB("jcb", Set.of(16, 17, 18, 19), 3),
    UNIONPAY("unionpay", Set.of(16, 17, 18, 19), 3),
    DINERS("diners", Set.of(14, 15, 16, 17, 18, 19), 3),
    RUPAY("rupay", Set.of(16), 3);

    private final String wireName;
    private final Set<Integer> lengths;
    private final int cvcLength;

    CardBrand(String wireName, Set<Integer> lengths, int cvcLength) {
        this.wireName = wireName;
        this.lengths = lengths;
        this.cvcLength = cvcLength;
    }

    public String wireName() {
        return wireName;
    }

    public boolean acceptsLength(int length) {
        return lengths.contains(length);
    }

    public int cvcLength() {
        return cvcLength;
    }

    /** The brand for a card number's digits, or null when no known range matches. */
    public static CardBrand of(String digits) {
        if (digits.length() < 6) {
            return null;
        }
        int six = Integer.parseInt(digits.substring(0, 6));
        int four = six / 100;
        int three = six / 1000;
        int two = six / 10000;
        // RuPay ranges overlap Discover's and must be checked first.
        if ((six >= 508500 && six <= 508999) || (six >= 606985 && six <= 607984) || (six >= 608001 && six <= 608500)
                || (six >= 652150 && six <= 653149) || (six >= 817200 && six <= 820199)) {
            return RUPAY;
        }
        if (digits.charAt(0) == '4') {
            return VISA;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return MASTERCARD;
        }
        if (two == 34 || two == 37) {
            return AMEX;
        }
        if (four == 6011 || (three >= 644 && three <= 649) || two == 65) {
            return DISCOVER;
        }
        if (four >= 3528 && four <= 3589) {
            return JCB;
        }
        if (two == 62 || two == 81) {
            return UNIONPAY;
        }
        if ((three >= 300 && three <= 305) || three == 309 || two == 36 || two == 38 || two == 39) {
            return DINERS;
        }
        return null;
    }
}

package io.paygate.simulator;

import java.util.Objects;

/**
 * What the customer pays with, as the simulator receives it. The card number lives only in this
 * request-scoped value: the simulator stores and shows {@link #label()} and never sees a CVC past
 * parsing.
 */
public sealed interface SimInstrument {

    /** The {@code sim_payments.instrument_type} value. */
    String type();

    /** A display label such as {@code visa •••• 4242}; the only form of the instrument that is stored. */
    String label();

    record Card(String number, int expMonth, int expYear) implements SimInstrument {
        public Card {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public String type() {
            return "card";
        }

        @Override
        public String label() {
            return brand() + " •••• " + number.substring(number.length() - 4);
        }

        /** The network from the leading digits, enough for a label; unknown ranges are just "card". */
        String brand() {
            int two = Integer.parseInt(number.substring(0, 2));
            int three = Integer.parseInt(number.substring(0, 3));
            int four = Integer.parseInt(number.substring(0, 4));
            if (number.charAt(0) == '4') {
                return "visa";
            }
            if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
                return "mastercard";
            }
            if (two == 34 || two == 37) {
                return "amex";
            }
            if (four == 6011 || (three >= 644 && three <= 649) || two == 65) {
                return "discover";
            }
            if (four >= 3528 && four <= 3589) {
                return "jcb";
            }
            if (two == 62) {
                return "unionpay";
            }
            if ((three >= 300 && three <= 305) || two == 36 || two == 38 || two == 39) {
                return "diners";
            }
            return "card";
        }

        @Override
        public String toString() {
            return "Card[" + label() + ", " + expMonth + "/" + expYear + "]";
        }
    }

    record Upi(String vpa) implements SimInstrument {
        public Upi {
            Objects.requireNonNull(vpa, "vpa");
        }

        @Override
        public String type() {
            return "upi";
        }

        @Override
        public String label() {
            return "upi " + vpa;
        }
    }

    record NetBanking(String bank) implements SimInstrument {

        static final String LABEL_PREFIX = "netbanking ";

        public NetBanking {
            Objects.requireNonNull(bank, "bank");
        }

        @Override
        public String type() {
            return "netbanking";
        }

        @Override
        public String label() {
            return LABEL_PREFIX + bank;
        }
    }
}

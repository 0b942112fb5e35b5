package io.paygate.connector.spi;

/** What the customer pays with, as handed to a processor for one authorization. */
public sealed interface Instrument {

    /**
     * A card. The number and security code are {@link Secret}s; the code is absent when it has
     * already been used once or has expired from Paygate's short-lived holding place.
     */
    record Card(Secret number, int expMonth, int expYear, Secret cvc, String holderName) implements Instrument {
        @Override
        public String toString() {
            return "Card[****, " + expMonth + "/" + expYear + "]";
        }
    }

    /** A UPI virtual payment address such as {@code name@bank}. */
    record Upi(String vpa) implements Instrument {
    }

    /** Net banking through the named bank, which redirects the customer to its own page. */
    record NetBanking(String bank) implements Instrument {
    }
}

package io.paygate.examples.orders;

/** A catalogue entry; the price is in the currency's minor unit, as Paygate's amounts are. */
public record Product(String sku, long unitAmount, String currency, int stock) {
}

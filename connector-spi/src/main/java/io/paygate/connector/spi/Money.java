package io.paygate.connector.spi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount in a currency's minor unit. All of Paygate's money arithmetic goes through here, with
 * overflow checked and never a floating-point number.
 */
public record Money(long amountMinor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long amountMinor, String currencyCode) {
        return new Money(amountMinor, Currency.of(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amountMinor, other.amountMinor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amountMinor), currency);
    }

    public boolean isPositive() {
        return amountMinor > 0;
    }

    public boolean isZero() {
        return amountMinor == 0;
    }

    public boolean isNegative() {
        return amountMinor < 0;
    }

    public boolean greaterThan(Money other) {
        requireSameCurrency(other);
        return amountMinor > other.amountMinor;
    }

    /**
     * This amount times {@code basisPoints / 10_000}, rounded with the given rule: the one place
     * where percentages of money are taken.
     */
    public Money timesBasisPoints(long basisPoints, RoundingMode rounding) {
        BigDecimal exact = BigDecimal.valueOf(amountMinor).multiply(BigDecimal.valueOf(basisPoints))
                .divide(BigDecimal.valueOf(10_000));
        return new Money(exact.setScale(0, rounding).longValueExact(), currency);
    }

    /** {@code this * numerator / denominator}, rounded with the given rule (proportional shares). */
    public Money proportion(long numerator, long denominator, RoundingMode rounding) {
        if (denominator == 0) {
            throw new ArithmeticException("denominator is zero");
        }
        BigDecimal exact = BigDecimal.valueOf(amountMinor).multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, rounding);
        return new Money(exact.longValueExact(), currency);
    }

    public String currencyCode() {
        return currency.code();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency.code() + " and " + other.currency.code());
        }
    }

    /** A display form such as {@code 19.99 USD}, for pages and messages (never for arithmetic). */
    public String format() {
        BigDecimal major = BigDecimal.valueOf(amountMinor).movePointLeft(currency.exponent());
        return major.toPlainString() + " " + currency.code().toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return amountMinor + " " + currency.code();
    }
}

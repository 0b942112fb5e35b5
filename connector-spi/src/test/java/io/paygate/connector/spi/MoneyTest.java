package io.paygate.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void addsAndSubtractsInTheSameCurrency() {
        Money a = Money.of(1999, "usd");
        assertThat(a.plus(Money.of(1, "usd"))).isEqualTo(Money.of(2000, "usd"));
        assertThat(a.minus(Money.of(2000, "usd"))).isEqualTo(Money.of(-1, "usd"));
        assertThat(a.negate().amountMinor()).isEqualTo(-1999);
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of(1, "usd").plus(Money.of(1, "eur")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "usd").plus(Money.of(1, "usd")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void percentagesRoundByTheGivenRule() {
        // 2.9% of 1999 cents = 57.971
        assertThat(Money.of(1999, "usd").timesBasisPoints(290, RoundingMode.HALF_EVEN).amountMinor()).isEqualTo(58);
        assertThat(Money.of(1999, "usd").timesBasisPoints(290, RoundingMode.DOWN).amountMinor()).isEqualTo(57);
        // 2.5% of 50 = 1.25 -> half-even 1, half-up 1
        assertThat(Money.of(50, "usd").timesBasisPoints(250, RoundingMode.HALF_EVEN).amountMinor()).isEqualTo(1);
        assertThat(Money.of(1000, "usd").proportion(1, 3, RoundingMode.HALF_EVEN).amountMinor()).isEqualTo(333);
    }

    @Test
    void currenciesCarryTheirMinorUnitExponent() {
        assertThat(Currency.of("usd").exponent()).isEqualTo(2);
        assertThat(Currency.of("JPY").exponent()).isZero();
        assertThat(Currency.of("kwd").exponent()).isEqualTo(3);
        assertThat(Currency.find("xyz")).isEmpty();
        assertThat(Money.of(1999, "usd").format()).isEqualTo("19.99 USD");
        assertThat(Money.of(500, "jpy").format()).isEqualTo("500 JPY");
        assertThat(Money.of(1500, "kwd").format()).isEqualTo("1.500 KWD");
    }

    @Test
    void secretsNeverPrintTheirValue() {
        Secret s = Secret.of("4242424242424242");
        assertThat(s.toString()).doesNotContain("4242");
        assertThat(s.matches("4242424242424242")).isTrue();
        assertThat(new Instrument.Card(s, 12, 2030, Secret.of("123"), null).toString()).doesNotContain("4242").doesNotContain("123");
    }
}

package io.paygate.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardDataRedactionTest {

    @Test
    void masksCardNumbersThatPassLuhnInAnyFormat() {
        assertThat(CardDataRedaction.redact("charging 4242424242424242 now")).isEqualTo("charging [REDACTED card ending 4242] now");
        assertThat(CardDataRedaction.redact("card 4242 4242 4242 4242.")).isEqualTo("card [REDACTED card ending 4242].");
        assertThat(CardDataRedaction.redact("amex 3782-822463-10005")).isEqualTo("amex [REDACTED card ending 0005]");
    }

    @Test
    void leavesOtherNumbersAlone() {
        assertThat(CardDataRedaction.redact("took 1795599738123 ms")).isEqualTo("took 1795599738123 ms");
        assertThat(CardDataRedaction.redact("id pi_0mwvxq1le19oqv67g90zq3gh")).isEqualTo("id pi_0mwvxq1le19oqv67g90zq3gh");
        assertThat(CardDataRedaction.redact("4242424242424241 fails Luhn")).isEqualTo("4242424242424241 fails Luhn");
    }

    @Test
    void masksSecurityCodesNamedAsSuch() {
        assertThat(CardDataRedaction.redact("body: {\"cvc\":\"123\", \"x\":1}")).isEqualTo("body: {\"cvc\":\"[REDACTED]\", \"x\":1}");
        assertThat(CardDataRedaction.redact("form card[cvc]=4567&amount=100")).isEqualTo("form card[cvc]=[REDACTED]&amount=100");
    }
}

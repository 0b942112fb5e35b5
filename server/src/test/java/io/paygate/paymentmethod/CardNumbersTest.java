package io.paygate.paymentmethod;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "4242424242424242, VISA, credit, US", "4000056655665556, VISA, debit, US",
            "5555555555554444, MASTERCARD, credit, US", "2223003122003222, MASTERCARD, credit, US",
            "5200828282828210, MASTERCARD, debit, US", "5105105105105100, MASTERCARD, prepaid, US",
            "378282246310005, AMEX, credit, US", "6011111111111117, DISCOVER, credit, US",
            "3566002020360505, JCB, credit, JP", "6200000000000005, UNIONPAY, credit, CN",
            "3056930009020004, DINERS, credit, US", "6521500000000006, RUPAY, debit, IN",
            "4000003560000008, VISA, credit, IN"})
    void knowsBrandFundingAndCountry(String number, CardBrand brand, String funding, String country) {
        assertThat(CardNumbers.passesLuhn(number)).isTrue();
        assertThat(CardBrand.of(number)).isEqualTo(brand);
        assertThat(brand.acceptsLength(number.length())).isTrue();
        assertThat(BinTable.lookup(number)).isEqualTo(new BinTable.BinInfo(funding, country));
    }

    @ParameterizedTest
    @CsvSource({"4242424242424241", "1234567812345678", "0000000000000001"})
    void rejectsNumbersFailingLuhn(String number) {
        assertThat(CardNumbers.passesLuhn(number)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"'4242 4242 4242 4242', 4242424242424242", "'4242-4242-4242-4242', 4242424242424242"})
    void normalizesSpacesAndDashes(String input, String digits) {
        assertThat(CardNumbers.normalize(input)).isEqualTo(digits);
        assertThat(CardNumbers.normalize("4242x4242")).isNull();
        assertThat(CardNumbers.normalize("12345")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"9999999999999995", "1000000000000008"})
    void unknownRangesHaveNoBrand(String number) {
        assertThat(CardBrand.of(number)).isNull();
    }
}

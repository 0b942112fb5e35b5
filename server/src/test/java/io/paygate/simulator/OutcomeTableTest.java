package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeTableTest {

    private static final YearMonth TODAY = YearMonth.of(2026, 3);

    private static Plan card(String number) {
        return OutcomeTable.plan(new SimInstrument.Card(number, 12, 2030), TODAY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "5555555555554444", "378282246310005", "6011111111111117",
            "3566002020360505", "6200000000000005", "3056930009020004", "4000000000000077", "4000056655665556",
            "5200828282828210", "5105105105105100", "4000000000000259", "4111111111111111", "6759649826438453",
            "4000000000001976", "4000000000005126", "4000000000007726"})
    void approvesOrdinaryCards(String number) {
        assertThat(card(number)).isEqualTo(new Plan.Approve());
    }

    static Stream<Arguments> declinedCards() {
        return Stream.of(
                Arguments.of("4000000000000002", "card_declined", "generic_decline", "Your card was declined."),
                Arguments.of("4000000000009995", "card_declined", "insufficient_funds", "Your card has insufficient funds."),
                Arguments.of("4000000000009987", "card_declined", "lost_card", "Your card was declined."),
                Arguments.of("4000000000009979", "card_declined", "stolen_card", "Your card was declined."),
                Arguments.of("4000000000000069", "expired_card", "expired_card", "Your card has expired."),
                Arguments.of("4000000000000127", "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
                Arguments.of("4000000000000119", "processing_error", "processing_error",
                        "An error occurred while processing your card. Try again in a little bit."),
                Arguments.of("4100000000000019", "card_declined", "fraudulent", "Your card was declined."));
    }

    @ParameterizedTest
    @MethodSource("declinedCards")
    void declinesStripeTestCards(String number, String code, String declineCode, String message) {
        assertThat(card(number)).isEqualTo(new Plan.Refuse(new Decline(code, declineCode, message)));
    }

    @Test
    void onlyTheFraudCardIsHighestRisk() {
        assertThat(((Plan.Refuse) card("4100000000000019")).decline().riskLevel()).isEqualTo("highest");
        assertThat(((Plan.Refuse) card("4000000000000002")).decline().riskLevel()).isEqualTo("normal");
    }

    @Test
    void threeDSecureCardsChallenge() {
        assertThat(card("4000000000003220")).isEqualTo(new Plan.Challenge(ActionKind.THREE_DS, true,
                new Decline("authentication_required", "authentication_required",
                        "The cardholder failed 3-D Secure authentication.")));
        assertThat(card("4000008400001629")).isEqualTo(new Plan.Challenge(ActionKind.THREE_DS, false,
                new Decline("card_declined", "generic_decline", "Your card was declined.")));
    }

    @Test
    void cardsExpiringBeforeThisMonthAreExpired() {
        Plan expired = OutcomeTable.plan(new SimInstrument.Card("4242424242424242", 2, 2026), TODAY);
        Plan lastMonth = OutcomeTable.plan(new SimInstrument.Card("4000000000003220", 12, 2025), TODAY);
        Plan thisMonth = OutcomeTable.plan(new SimInstrument.Card("4242424242424242", 3, 2026), TODAY);

        assertThat(expired).isEqualTo(new Plan.Refuse(Decline.EXPIRED_CARD));
        assertThat(lastMonth).isEqualTo(new Plan.Refuse(Decline.EXPIRED_CARD));
        assertThat(thisMonth).isEqualTo(new Plan.Approve());
    }

    @Test
    void upiResolvesLater() {
        assertThat(OutcomeTable.plan(new SimInstrument.Upi("success@upi"), TODAY)).isEqualTo(new Plan.Async(true, null));
        assertThat(OutcomeTable.plan(new SimInstrument.Upi("anyone@okbank"), TODAY)).isEqualTo(new Plan.Async(true, null));
        assertThat(OutcomeTable.plan(new SimInstrument.Upi("failure@upi"), TODAY)).isEqualTo(new Plan.Async(false,
                new Decline("payment_method_provider_decline", null,
                        "The UPI payment was declined by the customer's bank.")));
    }

    @Test
    void netBankingGoesThroughTheBankPage() {
        assertThat(OutcomeTable.plan(new SimInstrument.NetBanking("hdfc_success"), TODAY))
                .isEqualTo(new Plan.Challenge(ActionKind.BANK, true, null));
        assertThat(OutcomeTable.plan(new SimInstrument.NetBanking("sbi"), TODAY))
                .isEqualTo(new Plan.Challenge(ActionKind.BANK, true, null));
        assertThat(OutcomeTable.plan(new SimInstrument.NetBanking("hdfc_failure"), TODAY))
                .isEqualTo(new Plan.Challenge(ActionKind.BANK, false, new Decline("payment_method_provider_decline",
                        null, "The bank declined the payment.")));
    }

    @Test
    void refundTestCardsFailOrWait() {
        assertThat(OutcomeTable.aftermath(new SimInstrument.Card("4000000000005126", 12, 2030)))
                .isEqualTo(new Aftermath(RefundBehaviour.FAILS_LATER, DisputeBehaviour.NONE));
        assertThat(OutcomeTable.aftermath(new SimInstrument.Card("4000000000007726", 12, 2030)))
                .isEqualTo(new Aftermath(RefundBehaviour.PENDING_FIRST, DisputeBehaviour.NONE));
    }

    @Test
    void disputeTestCardsAreDisputedAfterCapture() {
        assertThat(OutcomeTable.aftermath(new SimInstrument.Card("4000000000000259", 12, 2030)))
                .isEqualTo(new Aftermath(RefundBehaviour.SUCCEEDS, DisputeBehaviour.CHARGEBACK));
        assertThat(OutcomeTable.aftermath(new SimInstrument.Card("4000000000001976", 12, 2030)))
                .isEqualTo(new Aftermath(RefundBehaviour.SUCCEEDS, DisputeBehaviour.INQUIRY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "5555555555554444", "4000000000000002", "4000000000003220"})
    void everyOtherCardIsOrdinaryAfterCapture(String number) {
        assertThat(OutcomeTable.aftermath(new SimInstrument.Card(number, 12, 2030))).isEqualTo(Aftermath.ORDINARY);
    }

    @Test
    void upiAndNetBankingAreOrdinaryAfterCapture() {
        assertThat(OutcomeTable.aftermath(new SimInstrument.Upi("success@upi"))).isEqualTo(Aftermath.ORDINARY);
        assertThat(OutcomeTable.aftermath(new SimInstrument.NetBanking("hdfc_success"))).isEqualTo(Aftermath.ORDINARY);
    }

    @ParameterizedTest
    @MethodSource("labels")
    void labelsShowTheBrandAndLastFourOnly(String number, String label) {
        SimInstrument.Card card = new SimInstrument.Card(number, 12, 2030);
        assertThat(card.label()).isEqualTo(label);
        assertThat(card.toString()).doesNotContain(number);
    }

    static Stream<Arguments> labels() {
        return Stream.of(Arguments.of("4242424242424242", "visa •••• 4242"),
                Arguments.of("5555555555554444", "mastercard •••• 4444"),
                Arguments.of("2223003122003222", "mastercard •••• 3222"),
                Arguments.of("378282246310005", "amex •••• 0005"),
                Arguments.of("6011111111111117", "discover •••• 1117"),
                Arguments.of("3566002020360505", "jcb •••• 0505"),
                Arguments.of("6200000000000005", "unionpay •••• 0005"),
                Arguments.of("3056930009020004", "diners •••• 0004"),
                Arguments.of("9999999999999995", "card •••• 9995"));
    }
}

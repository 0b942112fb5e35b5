package io.paygate.paymentmethod;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A card's {@code checks.cvc_check}: {@code unchecked} while a security code given with the card
 * waits for its first payment, then the processor's verdict, which later payments (made without the
 * code, which is handed out once) never overwrite; a card created without a code has none.
 */
class CvcCheckIT extends PaygateIT {

    @Test
    void theFirstPaymentRecordsTheVerdictAndLaterPaymentsKeepIt() {
        TestMerchant merchant = newMerchant();
        String card = card(merchant, "4242424242424242", "123");
        assertThat(cvcCheck(merchant, card)).isEqualTo("unchecked");

        assertThat(pay(merchant, card).text("status")).isEqualTo("succeeded");
        assertThat(cvcCheck(merchant, card)).isEqualTo("pass");
        assertThat(pay(merchant, card).text("status")).isEqualTo("succeeded");
        assertThat(cvcCheck(merchant, card)).isEqualTo("pass");
    }

    @Test
    void aDeclineForTheSecurityCodeRecordsAFailThatStays() {
        TestMerchant merchant = newMerchant();
        String card = card(merchant, "4000000000000127", "999");
        HttpApi.Response declined = pay(merchant, card);
        assertThat(declined.status()).as(declined.toString()).isEqualTo(402);
        assertThat(declined.errorCode()).isEqualTo("incorrect_cvc");
        assertThat(cvcCheck(merchant, card)).isEqualTo("fail");
        pay(merchant, card);
        assertThat(cvcCheck(merchant, card)).isEqualTo("fail");
    }

    @Test
    void aCardWithoutASecurityCodeHasNoVerdict() {
        TestMerchant merchant = newMerchant();
        String card = card(merchant, "4242424242424242", null);
        assertThat(pay(merchant, card).text("status")).isEqualTo("succeeded");
        assertThat(api.get("/v1/payment_methods/" + card, merchant.secretKey()).json()
                .path("card").path("checks").path("cvc_check").isNull()).isTrue();
    }

    @Test
    void anotherMerchantsPaymentMethodIsNotTouched() {
        TestMerchant owner = newMerchant();
        TestMerchant other = newMerchant();
        String card = card(owner, "4242424242424242", "123");
        HttpApi.Response refused = pay(other, card);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(cvcCheck(owner, card)).isEqualTo("unchecked");
    }

    private String card(TestMerchant merchant, String number, String cvc) {
        List<String> params = new ArrayList<>(List.of("type", "card", "card[number]", number, "card[exp_month]", "12",
                "card[exp_year]", "2040"));
        if (cvc != null) {
            params.addAll(List.of("card[cvc]", cvc));
        }
        HttpApi.Response created = api.post("/v1/payment_methods", merchant.secretKey(), params.toArray(String[]::new));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.text("id");
    }

    private HttpApi.Response pay(TestMerchant merchant, String paymentMethod) {
        return api.post("/v1/payment_intents", merchant.secretKey(), "amount", "2500", "currency", "usd",
                "payment_method", paymentMethod, "confirm", "true");
    }

    private String cvcCheck(TestMerchant merchant, String paymentMethod) {
        return api.get("/v1/payment_methods/" + paymentMethod, merchant.secretKey()).json()
                .path("card").path("checks").path("cvc_check").asString();
    }
}

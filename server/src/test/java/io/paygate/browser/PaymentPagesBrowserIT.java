package io.paygate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.paygate.support.HttpApi;
import io.paygate.support.PaygateIT;
import io.paygate.support.TestMerchant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The pages a customer sees, in headless Chromium: the simulator's 3-D Secure challenge and bank
 * page, and Paygate's result page after the redirect back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentPagesBrowserIT extends PaygateIT {

    private Playwright playwright;
    private Browser browser;

    @BeforeAll
    void launch() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("paygate.test.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void aCustomerPassesTheThreeDSecureChallenge() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "2599", "currency", "eur",
                "payment_method", "pm_card_threeDSecure2Required", "confirm", "true");
        assertThat(intent.text("status")).isEqualTo("requires_action");
        try (Page page = browser.newPage()) {
            page.navigate(intent.json().path("next_action").path("redirect_to_url").path("url").asString());
            assertThat(page.title()).contains("3-D Secure");
            assertThat(page.content()).contains("25.99 EUR").contains("•••• 3220");
            page.click("#approve");
            page.waitForURL("**/redirect/complete/**");
            assertThat(page.textContent("#status")).isEqualTo("Payment succeeded");
        }
        assertThat(api.get("/v1/payment_intents/" + intent.text("id"), merchant.secretKey()).text("status")).isEqualTo("succeeded");
    }

    @Test
    void aCustomerFailsTheChallenge() {
        TestMerchant merchant = newMerchant();
        HttpApi.Response intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "2599", "currency", "eur",
                "payment_method", "pm_card_threeDSecure2Required", "confirm", "true");
        try (Page page = browser.newPage()) {
            page.navigate(intent.json().path("next_action").path("redirect_to_url").path("url").asString());
            page.click("#fail");
            page.waitForURL("**/redirect/complete/**");
            assertThat(page.textContent("#status")).isEqualTo("Payment failed");
        }
        assertThat(api.get("/v1/payment_intents/" + intent.text("id"), merchant.secretKey()).text("status"))
                .isEqualTo("requires_payment_method");
    }

    @Test
    void aCustomerPaysAtTheBank() {
        TestMerchant merchant = newMerchant();
        for (String bank : List.of("sbi_success", "sbi_failure")) {
            HttpApi.Response intent = api.post("/v1/payment_intents", merchant.secretKey(), "amount", "75000", "currency", "inr",
                    "payment_method_types[]", "netbanking", "payment_method_data[type]", "netbanking",
                    "payment_method_data[netbanking][bank]", bank, "confirm", "true");
            assertThat(intent.text("status")).as(intent.toString()).isEqualTo("requires_action");
            try (Page page = browser.newPage()) {
                page.navigate(intent.json().path("next_action").path("redirect_to_url").path("url").asString());
                assertThat(page.content()).contains(bank).contains("750.00 INR");
                page.click("#pay");
                page.waitForURL("**/redirect/complete/**");
                assertThat(page.textContent("#status")).isEqualTo(bank.endsWith("_success") ? "Payment succeeded" : "Payment failed");
            }
        }
    }
}

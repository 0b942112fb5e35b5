package io.paygate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.platform.errors.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {

    private static UrlPolicy policy(boolean testModeAllowLocal) {
        return new UrlPolicy(new WebhookSettings(List.of(Duration.ofMinutes(1)), 1.0, Duration.ofSeconds(10), Duration.ofDays(3),
                16, testModeAllowLocal, Duration.ofHours(24), Duration.ofMillis(200), Duration.ofSeconds(60), 100));
    }

    @Test
    void theFormIsCheckedInEveryMode() {
        UrlPolicy urls = policy(true);
        for (String bad : List.of("ftp://shop.example/hooks", "/hooks", "https://user:pw@shop.example/hooks", "not a url")) {
            assertThatThrownBy(() -> urls.checkForm(bad, false)).as(bad).isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> urls.checkForm("http://shop.example/hooks", true))
                .isInstanceOf(ApiException.class).hasMessageContaining("https");
        assertThat(urls.checkForm("https://shop.example/hooks", true)).isEqualTo(URI.create("https://shop.example/hooks"));
    }

    @Test
    void internalAddressesOnlyInTestModeAndOnlyWhenAllowed() {
        assertThat(policy(true).check("http://127.0.0.1:9000/hooks", false)).hasPort(9000);
        assertThatThrownBy(() -> policy(false).check("http://127.0.0.1:9000/hooks", false))
                .isInstanceOf(ApiException.class).hasMessageContaining("private addresses");
        assertThatThrownBy(() -> policy(true).check("https://127.0.0.1/hooks", true))
                .isInstanceOf(ApiException.class).hasMessageContaining("private addresses");
        assertThatThrownBy(() -> policy(true).check("https://10.0.0.8/hooks", true)).isInstanceOf(ApiException.class);
    }
}

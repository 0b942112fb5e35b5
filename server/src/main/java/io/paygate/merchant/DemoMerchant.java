package io.paygate.merchant;

import io.paygate.platform.config.DataDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start, creates a demo merchant and writes its test keys to {@code data/demo-keys.properties}
 * (owner-readable only), since the database keeps only their hashes. Every start prints them with
 * the URLs to try.
 */
@Component
class DemoMerchant {

    private static final Logger log = LoggerFactory.getLogger(DemoMerchant.class);
    static final String FILE = "demo-keys.properties";

    private final MerchantService merchants;
    private final DataDirectory data;
    private final boolean enabled;
    private final String publicUrl;

    DemoMerchant(MerchantService merchants, DataDirectory data, @Value("${paygate.demo.enabled:true}") boolean enabled,
                 @Value("${paygate.public-url:http://localhost:${server.port:8080}}") String publicUrl) {
        this.merchants = merchants;
        this.data = data;
        this.enabled = enabled;
        this.publicUrl = publicUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void ensureDemoMerchant() {
        if (!enabled) {
            return;
        }
        Map<String, String> keys = new LinkedHashMap<>();
        if (merchants.findDemo().isEmpty()) {
            MerchantService.Onboarded onboarded = merchants.onboard(
                    new MerchantService.NewMerchant("Demo Shop", "demo@paygate.local", "US", "usd", Map.of()), true);
            String content = render(onboarded);
            data.writeSecret(FILE, content);
            keys.putAll(parse(content));
        } else {
            data.read(FILE).ifPresent(content -> keys.putAll(parse(content)));
        }
        announce(keys);
    }

    private static String render(MerchantService.Onboarded onboarded) {
        StringBuilder out = new StringBuilder("# Paygate demo merchant: test-mode keys. Keep this file private.\n");
        out.append("merchant=").append(onboarded.merchant().id()).append('\n');
        for (IssuedKey key : onboarded.keys()) {
            if (!key.key().livemode()) {
                out.append(key.key().kind().wireName()).append('=').append(key.secret().reveal()).append('\n');
            }
        }
        return out.toString();
    }

    private static Map<String, String> parse(String content) {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(content));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> out.put(name, properties.getProperty(name)));
        return out;
    }

    private void announce(Map<String, String> keys) {
        if (keys.isEmpty()) {
            log.warn("The demo merchant exists but {} is missing; its keys cannot be shown again. Create keys with the admin API.",
                    data.resolve(FILE));
            return;
        }
        String banner = """

                ================================================================
                 Paygate is ready at %1$s
                 Demo merchant %2$s (test mode, simulator processor)
                   secret key:      %3$s
                   publishable key: %4$s
                 Keys are stored in %5$s
                 Try:
                   curl %1$s/v1/payment_intents -u %3$s: \\
                     -d amount=1999 -d currency=usd -d payment_method=pm_card_visa -d confirm=true
                   API description: %1$s/openapi.json   health: %1$s/healthz
                ================================================================
                """.formatted(publicUrl, keys.get("merchant"), keys.get("secret"), keys.get("publishable"), data.resolve(FILE));
        // The banner is for the person who started the server; it goes to standard output, not the JSON log.
        System.out.println(banner);
        log.info("Demo merchant {} ready; its test keys are in {}", keys.get("merchant"), data.resolve(FILE));
    }
}

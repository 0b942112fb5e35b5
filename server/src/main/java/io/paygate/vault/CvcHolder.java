package io.paygate.vault;

import io.paygate.connector.spi.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Holds a card's security code in memory only, until the first authorization takes it or a few
 * minutes pass, whichever comes first. It is never written to disk, logged or stored. A restart
 * forgets every held code; authorizations then proceed without one, as Stripe does for saved cards.
 */
@Component
public class CvcHolder {

    private record Held(Secret cvc, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    CvcHolder(Clock clock, @Value("${paygate.vault.cvc-ttl:PT5M}") Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public void hold(String paymentMethodId, Secret cvc) {
        held.put(paymentMethodId, new Held(cvc, clock.millis() + ttl.toMillis()));
    }

    /** Removes and returns the code, or null when none is held or it expired. */
    public Secret take(String paymentMethodId) {
        Held entry = held.remove(paymentMethodId);
        if (entry == null || entry.expiresAtMillis() < clock.millis()) {
            return null;
        }
        return entry.cvc();
    }

    public boolean isHeld(String paymentMethodId) {
        Held entry = held.get(paymentMethodId);
        return entry != null && entry.expiresAtMillis() >= clock.millis();
    }

    @Scheduled(fixedDelayString = "PT30S")
    void forgetExpired() {
        long now = clock.millis();
        held.entrySet().removeIf(e -> e.getValue().expiresAtMillis() < now);
    }
}

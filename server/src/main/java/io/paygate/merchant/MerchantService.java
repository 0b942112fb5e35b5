package io.paygate.merchant;

import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.security.KeyKind;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Onboards merchants: the merchant, its four standard keys and whatever other features add on {@link MerchantOnboarded}. */
@Service
public class MerchantService {

    /** A merchant just created, with its keys in clear (shown once). */
    public record Onboarded(Merchant merchant, List<IssuedKey> keys) {
    }

    public record NewMerchant(String name, String email, String country, String defaultCurrency, Map<String, String> metadata) {
    }

    private final MerchantRepository merchants;
    private final ApiKeyService keys;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    MerchantService(MerchantRepository merchants, ApiKeyService keys, Ids ids, Clock clock, TransactionTemplate tx,
                    ApplicationEventPublisher events) {
        this.merchants = merchants;
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
        this.tx = tx;
        this.events = events;
    }

    public Onboarded onboard(NewMerchant request) {
        return onboard(request, false);
    }

    Onboarded onboard(NewMerchant request, boolean demo) {
        return tx.execute(status -> {
            Merchant merchant = new Merchant(ids.next("acct"), request.name(), request.email(), request.country(),
                    request.defaultCurrency(), demo, request.metadata() == null ? Map.of() : request.metadata(),
                    clock.instant().getEpochSecond());
            merchants.insert(merchant);
            List<IssuedKey> issued = List.of(
                    keys.issue(merchant.id(), false, KeyKind.SECRET, "Standard test secret key", null),
                    keys.issue(merchant.id(), false, KeyKind.PUBLISHABLE, "Standard test publishable key", null),
                    keys.issue(merchant.id(), true, KeyKind.SECRET, "Standard live secret key", null),
                    keys.issue(merchant.id(), true, KeyKind.PUBLISHABLE, "Standard live publishable key", null));
            events.publishEvent(new MerchantOnboarded(merchant.id(), demo));
            return new Onboarded(merchant, issued);
        });
    }

    public Merchant get(String id) {
        return merchants.find(id).orElseThrow(() -> ApiException.notFound("account", id, "id"));
    }

    public Optional<Merchant> find(String id) {
        return merchants.find(id);
    }

    Optional<Merchant> findDemo() {
        return merchants.findDemo();
    }

    public Page<Merchant> list(PageRequest page) {
        return merchants.list(page);
    }
}

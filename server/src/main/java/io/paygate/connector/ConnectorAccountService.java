package io.paygate.connector;

import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.Secret;
import io.paygate.merchant.MerchantOnboarded;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.json.Json;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.web.CallContext;
import io.paygate.vault.SecretBox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A merchant's processor accounts: settings, sealed credentials, status and priority. Payments
 * use the active account with the lowest priority for the mode (routing rules come later).
 */
@Service
public class ConnectorAccountService {

    /** Settings the simulator understands: behaviour for load and chaos tests, and where it runs. */
    static final Set<String> SIMULATOR_SETTINGS = Set.of("latency_ms", "latency_jitter_ms", "error_rate", "timeout_rate",
            "charged_then_timeout_rate", "hang_ms", "async_delay_ms", "timeout_ms", "base_url", "seed", "refund_delay_ms",
            "dispute_delay_ms", "dispute_decision_ms");

    public record AccountChanges(String displayName, Map<String, String> settings, Map<String, String> credentials,
                                 String status, Integer priority, Map<String, String> metadata) {
    }

    private final ConnectorAccountRepository accounts;
    private final ConnectorRegistry registry;
    private final SecretBox box;
    private final Json json;
    private final Ids ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ConnectorAccountService(ConnectorAccountRepository accounts, ConnectorRegistry registry, SecretBox box, Json json,
                            Ids ids, Clock clock, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.registry = registry;
        this.box = box;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** Every new merchant gets a simulator account for test mode. */
    @EventListener
    void onMerchantOnboarded(MerchantOnboarded event) {
        ConnectorAccountRecord account = new ConnectorAccountRecord(ids.next("ca"), event.merchantId(), false, "simulator",
                "Simulator", Map.of(), List.of(), ConnectorAccountRecord.ACTIVE, 0, Map.of(), clock.instant().getEpochSecond());
        accounts.insert(account, null);
        events.publishEvent(new ConnectorAccountCreated(account.id(), account.connector()));
    }

    public void validate(String connector, Map<String, String> settings, boolean livemode) {
        if (!registry.supports(connector)) {
            throw ApiException.invalidParam("connector", "Unknown connector '" + connector + "'.");
        }
        if (connector.equals("simulator")) {
            if (livemode) {
                throw ApiException.invalidParam("connector", "The simulator can only be used in test mode.");
            }
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                checkSimulatorSetting(setting.getKey(), setting.getValue());
            }
        }
    }

    private static void checkSimulatorSetting(String name, String value) {
        String param = "settings[" + name + "]";
        if (!SIMULATOR_SETTINGS.contains(name)) {
            throw ApiException.invalidParam(param, "Unknown simulator setting '" + name + "'. Known settings: "
                    + String.join(", ", SIMULATOR_SETTINGS.stream().sorted().toList()) + ".");
        }
        if (value == null || value.isEmpty()) {
            return;
        }
        try {
            switch (name) {
                case "error_rate", "timeout_rate", "charged_then_timeout_rate" -> {
                    double rate = Double.parseDouble(value);
                    if (rate < 0 || rate > 1) {
                        throw ApiException.invalidParam(param, name + " must be between 0 and 1.");
                    }
                }
                case "base_url" -> java.net.URI.create(value).toURL();
                default -> {
                    long number = Long.parseLong(value);
                    if (number < 0 || number > 600_000) {
                        throw ApiException.invalidParam(param, name + " must be between 0 and 600000.");
                    }
                }
            }
        } catch (ApiException e) {
            throw e;
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw ApiException.invalidParam(param, "Invalid value for " + name + ".");
        }
    }

    @Transactional
    public ConnectorAccountRecord create(CallContext ctx, String connector, AccountChanges changes) {
        Map<String, String> settings = changes.settings() == null ? Map.of() : changes.settings();
        validate(connector, settings, ctx.livemode());
        Map<String, String> credentials = changes.credentials() == null ? Map.of() : changes.credentials();
        String id = ids.next("ca");
        ConnectorAccountRecord account = new ConnectorAccountRecord(id, ctx.merchantId(), ctx.livemode(), connector,
                changes.displayName(), settings, List.copyOf(new TreeMap<>(credentials).keySet()),
                changes.status() == null ? ConnectorAccountRecord.ACTIVE : changes.status(),
                changes.priority() == null ? 0 : changes.priority(),
                changes.metadata() == null ? Map.of() : changes.metadata(), clock.instant().getEpochSecond());
        accounts.insert(account, credentials.isEmpty() ? null : box.seal(json.write(credentials), id));
        events.publishEvent(new ConnectorAccountCreated(account.id(), account.connector()));
        return account;
    }

    @Transactional
    public ConnectorAccountRecord update(CallContext ctx, String id, AccountChanges changes) {
        // Locked: the webhook secret may be stored concurrently, and these credentials are written back whole.
        ConnectorAccountRepository.Row row = accounts.findForUpdate(ctx.merchantId(), ctx.livemode(), id)
                .orElseThrow(() -> ApiException.notFound("connector_account", id, "id"));
        ConnectorAccountRecord before = row.account();
        Map<String, String> settings = new LinkedHashMap<>(before.settings());
        if (changes.settings() != null) {
            changes.settings().forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    settings.remove(k);
                } else {
                    settings.put(k, v);
                }
            });
        }
        validate(before.connector(), settings, ctx.livemode());
        SecretBox.Sealed sealed = row.credentials();
        List<String> names = before.credentialNames();
        if (changes.credentials() != null) {
            Map<String, String> merged = new TreeMap<>(credentials(row));
            changes.credentials().forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
            sealed = merged.isEmpty() ? null : box.seal(json.write(merged), id);
            names = new ArrayList<>(merged.keySet());
        }
        ConnectorAccountRecord after = new ConnectorAccountRecord(before.id(), before.merchantId(), before.livemode(),
                before.connector(), changes.displayName() != null ? changes.displayName() : before.displayName(), settings,
                names, changes.status() != null ? changes.status() : before.status(),
                changes.priority() != null ? changes.priority() : before.priority(),
                changes.metadata() != null ? changes.metadata() : before.metadata(), before.created());
        accounts.update(after, sealed);
        return after;
    }

    public ConnectorAccountRecord get(CallContext ctx, String id) {
        return accounts.find(ctx.merchantId(), ctx.livemode(), id)
                .orElseThrow(() -> ApiException.notFound("connector_account", id, "id")).account();
    }

    public Page<ConnectorAccountRecord> list(CallContext ctx, PageRequest page) {
        return accounts.page(Where.of("merchant_id = ? and livemode = ?", ctx.merchantId(), ctx.livemode()), page)
                .map(ConnectorAccountRepository.Row::account);
    }

    /** The account a new payment of this merchant and mode goes to. */
    public Chosen forPayment(CallContext ctx) {
        List<ConnectorAccountRepository.Row> active = accounts.active(ctx.merchantId(), ctx.livemode());
        if (active.isEmpty()) {
            throw ApiException.invalidRequest("no_connector_available", "No active processor account is configured for "
                    + (ctx.livemode() ? "live" : "test") + " mode. Add one with POST /v1/connector_accounts.", null);
        }
        return new Chosen(active.getFirst().account(), forCall(active.getFirst()));
    }

    /** The account a payment goes to, and the same account as its connector needs it (from the same read). */
    public record Chosen(ConnectorAccountRecord account, ConnectorAccount forCall) {
    }

    /** The account as a connector needs it, credentials decrypted; used for every processor call. */
    public ConnectorAccount forCall(String id) {
        return findForCall(id).orElseThrow(() -> new IllegalStateException("connector account " + id + " is missing"));
    }

    /** As {@link #forCall}, for an id that comes from outside (an inbound webhook's URL). */
    public Optional<ConnectorAccount> findForCall(String id) {
        return accounts.findById(id).map(this::forCall);
    }

    private ConnectorAccount forCall(ConnectorAccountRepository.Row row) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        credentials(row).forEach((k, v) -> secrets.put(k, Secret.of(v)));
        ConnectorAccountRecord a = row.account();
        return new ConnectorAccount(a.id(), a.connector(), a.livemode(), a.settings(), secrets);
    }

    /** Adds (or replaces) one credential, such as the webhook secret a processor generated, keeping the others. */
    @Transactional
    public void storeCredential(String id, String name, Secret value) {
        ConnectorAccountRepository.Row row = accounts.findByIdForUpdate(id)
                .orElseThrow(() -> new IllegalStateException("connector account " + id + " is missing"));
        Map<String, String> merged = new TreeMap<>(credentials(row));
        merged.put(name, value.reveal());
        ConnectorAccountRecord a = row.account();
        accounts.update(new ConnectorAccountRecord(a.id(), a.merchantId(), a.livemode(), a.connector(), a.displayName(),
                a.settings(), List.copyOf(merged.keySet()), a.status(), a.priority(), a.metadata(), a.created()),
                box.seal(json.write(merged), id));
    }

    private Map<String, String> credentials(ConnectorAccountRepository.Row row) {
        return row.credentials() == null ? Map.of() : json.readStringMap(box.open(row.credentials(), row.account().id()));
    }
}

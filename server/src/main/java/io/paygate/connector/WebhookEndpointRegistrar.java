package io.paygate.connector;

import io.paygate.connector.simulator.SimulatorConnector;
import io.paygate.connector.simulator.SimulatorWebhooks;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.connector.spi.WebhookEndpointRegistration;
import io.paygate.platform.retry.Backoff;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Has the processor send a simulator account's webhooks to Paygate's inbound endpoint,
 * {@code <paygate.public-url or http://127.0.0.1:<port>>/v1/webhooks/<account id>}, and stores the
 * secret it signs them with as the account's {@code webhook_secret} credential. Other processors'
 * secrets come with the account's credentials.
 *
 * <p>Registration is an HTTP call (to this very server, for the simulator), so it never runs inside
 * the transaction that creates the account: the instance that created it registers it once that
 * commits, and tries again with a growing wait if that fails. A periodic pass, which also runs at
 * start-up, picks up orphans: accounts still without a secret {@code orphan-age} after they were
 * created (made before webhooks existed, or by an instance that died before registering them). It
 * leaves younger accounts to their creator, since an instance with other vault keys or another
 * address must not register them. The simulator connector's registration is idempotent for an
 * account and URL, so a repeat gets the same secret.
 */
@Component
class WebhookEndpointRegistrar {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpointRegistrar.class);
    private static final int BATCH = 100;
    private static final Backoff RETRIES = new Backoff(Duration.ofSeconds(1), Duration.ofHours(1), Integer.MAX_VALUE);

    /** An account whose registration failed: how often, and when to try again. */
    private record Retry(int failures, long dueMs) {
    }

    private final ConnectorAccountService service;
    private final ConnectorAccountRepository accounts;
    private final ConnectorRegistry connectors;
    private final ApplicationContext context;
    private final Clock clock;
    private final String publicUrl;
    private final Duration orphanAge;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();

    WebhookEndpointRegistrar(ConnectorAccountService service, ConnectorAccountRepository accounts,
                             ConnectorRegistry connectors, ApplicationContext context, Clock clock,
                             @Value("${paygate.public-url:}") String publicUrl,
                             @Value("${paygate.webhooks.orphan-age:PT1M}") Duration orphanAge) {
        this.service = service;
        this.accounts = accounts;
        this.connectors = connectors;
        this.context = context;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.orphanAge = orphanAge;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onCreated(ConnectorAccountCreated created) {
        if (SimulatorConnector.TYPE.equals(created.connector())) {
            workers.execute(() -> register(created.connectorAccountId()));
        }
    }

    @Scheduled(fixedDelayString = "${paygate.webhooks.registration-interval:PT5S}", initialDelayString = "PT1S")
    void registerPending() {
        long now = clock.millis();
        Set<String> due = new LinkedHashSet<>();
        retries.forEach((id, retry) -> {
            if (retry.dueMs() <= now) {
                due.add(id);
            }
        });
        try {
            for (String orphan : accounts.withoutCredential(SimulatorConnector.TYPE, SimulatorWebhooks.SECRET_CREDENTIAL,
                    now / 1000 - orphanAge.toSeconds(), BATCH)) {
                if (!retries.containsKey(orphan)) {
                    due.add(orphan);
                }
            }
        } catch (DataAccessException e) {
            log.warn("Could not look for connector accounts without a webhook secret; trying again on the next run", e);
        }
        due.forEach(this::register);
    }

    /** Whether a registration of the account failed and waits to be tried again. */
    boolean retrying(String connectorAccountId) {
        return retries.containsKey(connectorAccountId);
    }

    /** The URL the processor posts this account's webhooks to. */
    URI inboundUrl(String connectorAccountId) {
        String base = publicUrl.isBlank()
                ? "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort()
                : publicUrl;
        return URI.create(base + "/v1/webhooks/" + connectorAccountId);
    }

    private void register(String id) {
        if (!inFlight.add(id)) {
            return;
        }
        try {
            if (attempt(id)) {
                retries.remove(id);
            } else {
                failed(id);
            }
        } catch (RuntimeException e) {
            log.error("Registering the webhook endpoint of connector account {} failed; trying again later", id, e);
            failed(id);
        } finally {
            inFlight.remove(id);
        }
    }

    /** True when the account has its secret now (or needs none any more); false to try again later. */
    private boolean attempt(String id) {
        Optional<ConnectorAccount> found = service.findForCall(id);
        if (found.isEmpty() || found.get().credentials().containsKey(SimulatorWebhooks.SECRET_CREDENTIAL)) {
            return true;
        }
        ConnectorAccount account = found.get();
        URI url = inboundUrl(id);
        return switch (connectors.get(account.type()).registerWebhookEndpoint(account, url, RequestTrace.NONE)) {
            case WebhookEndpointRegistration.Registered registered -> {
                service.storeCredential(id, SimulatorWebhooks.SECRET_CREDENTIAL, registered.secret());
                log.info("Registered {} for the webhooks of connector account {}", url, id);
                yield true;
            }
            case WebhookEndpointRegistration.Refused refused -> {
                log.warn("The processor refused the webhook endpoint of connector account {}: {} {}", id, refused.code(),
                        refused.message());
                yield false;
            }
            case WebhookEndpointRegistration.Unknown unknown -> {
                log.warn("Could not register the webhook endpoint of connector account {} ({}); trying again later", id,
                        unknown.reason());
                yield false;
            }
        };
    }

    private void failed(String id) {
        long now = clock.millis();
        retries.compute(id, (key, previous) -> {
            int failures = previous == null ? 1 : previous.failures() + 1;
            return new Retry(failures, now + RETRIES.delayAfterMs(failures).orElseThrow());
        });
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}

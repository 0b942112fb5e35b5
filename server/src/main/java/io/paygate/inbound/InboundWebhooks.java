package io.paygate.inbound;

import io.paygate.connector.ConnectorAccountService;
import io.paygate.connector.ConnectorRegistry;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.connector.spi.WebhookVerification;
import io.paygate.platform.db.Transactions;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Processors' webhooks into Paygate. A webhook is verified by its connector account's connector,
 * then stored once per (account, processor event id) before it is acknowledged, so an event the
 * processor saw acknowledged is never lost and a repeat is never processed twice; processing happens
 * later, from the table ({@link InboundWebhookWorker}).
 */
@Service
public class InboundWebhooks {

    private static final Logger log = LoggerFactory.getLogger(InboundWebhooks.class);
    /** Ids and keys longer than the columns that hold them are not a processor's. */
    private static final int MAX_KEY_LENGTH = 255;
    private static final int MAX_ACCOUNT_ID_LENGTH = 40;

    /** What the sender is told: the stored webhook, and whether it had arrived before. */
    public record Receipt(InboundWebhook webhook, boolean duplicate) {
    }

    private final InboundWebhookRepository webhooks;
    private final InboundWebhookWorker worker;
    private final ConnectorAccountService connectorAccounts;
    private final ConnectorRegistry connectors;
    private final Ids ids;
    private final Clock clock;

    InboundWebhooks(InboundWebhookRepository webhooks, ConnectorAccountService connectorAccounts,
                    ConnectorRegistry connectors, Ids ids, Clock clock, InboundWebhookWorker worker) {
        this.worker = worker;
        this.webhooks = webhooks;
        this.connectorAccounts = connectorAccounts;
        this.connectors = connectors;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Verifies and stores a webhook sent for {@code connectorAccountId}; refuses it with a 404 for an
     * unknown account and a 400 for one that does not check out.
     */
    public Receipt receive(String connectorAccountId, Map<String, String> headers, byte[] rawBody) {
        ConnectorAccount account = findAccount(connectorAccountId)
                .orElseThrow(() -> ApiException.notFound("connector_account", connectorAccountId, null));
        WebhookVerification verification = connectors.get(account.type())
                .verifyWebhook(account, headers, rawBody, clock.instant().getEpochSecond());
        return switch (verification) {
            case WebhookVerification.Rejected rejected -> {
                log.warn("Refused a webhook for connector account {}: {}", account.id(), rejected.reason().code());
                throw refusal(rejected.reason());
            }
            case WebhookVerification.Verified verified -> store(account.id(), verified.webhook(), rawBody);
        };
    }

    public InboundWebhook get(String id) {
        return webhooks.findById(id).orElseThrow(() -> ApiException.notFound("inbound_webhook", id, "id"));
    }

    /** Newest first, optionally of one connector account and in one status. */
    public Page<InboundWebhook> list(String connectorAccountId, InboundWebhookStatus status, PageRequest page) {
        Where where = new Where()
                .andIf(connectorAccountId != null, "connector_account_id = ?", connectorAccountId)
                .andIf(status != null, "status = ?", status == null ? null : status.wireName());
        return webhooks.page(where, page);
    }

    /**
     * Queues a webhook to be processed again from what was stored, with its tries renewed (a dead one
     * after the cause is fixed, a processed one to re-read the object). Not while a worker holds it.
     */
    public InboundWebhook replay(String id) {
        InboundWebhook current = get(id);
        if (current.status() == InboundWebhookStatus.PROCESSING) {
            throw ApiException.unexpectedState("inbound_webhook", "This inbound webhook is being processed; replay it "
                    + "once it is done.", Map.of());
        }
        if (!webhooks.requeue(id, current.status(), clock.millis())) {
            // A worker moved it meanwhile: decide again on its new status.
            return replay(id);
        }
        Transactions.afterCommit(worker::wake);
        log.info("Inbound webhook {} ({} of connector account {}) queued again", id, current.eventType(),
                current.connectorAccountId());
        return get(id);
    }

    private Optional<ConnectorAccount> findAccount(String id) {
        return id.length() > MAX_ACCOUNT_ID_LENGTH ? Optional.empty() : connectorAccounts.findForCall(id);
    }

    private Receipt store(String connectorAccountId, ProcessorWebhook webhook, byte[] rawBody) {
        if (webhook.eventId().length() > MAX_KEY_LENGTH || webhook.type().length() > MAX_KEY_LENGTH
                || webhook.objectKey().length() > MAX_KEY_LENGTH) {
            throw refusal(WebhookVerification.Reason.MALFORMED_PAYLOAD);
        }
        InboundWebhook fresh = InboundWebhook.received(ids.next("iw"), connectorAccountId, webhook,
                new String(rawBody, StandardCharsets.UTF_8), clock.millis());
        try {
            webhooks.insert(fresh);
            Transactions.afterCommit(worker::wake);
            log.info("Inbound webhook {}: {} {} of connector account {} about {}", fresh.id(), webhook.type(),
                    webhook.eventId(), connectorAccountId, webhook.objectKey());
            return new Receipt(fresh, false);
        } catch (DuplicateKeyException repeat) {
            InboundWebhook earlier = webhooks.findByEvent(connectorAccountId, webhook.eventId())
                    .orElseThrow(() -> new IllegalStateException("duplicate inbound webhook without a row", repeat));
            return new Receipt(earlier, true);
        }
    }

    private static ApiException refusal(WebhookVerification.Reason reason) {
        String message = switch (reason) {
            case MISSING_SIGNATURE -> "The webhook carries no signature header.";
            case BAD_SIGNATURE -> "No signature on the webhook matches the expected signature for its payload.";
            case TIMESTAMP_OUTSIDE_TOLERANCE -> "The webhook's signature timestamp is too old (or too far ahead) to accept.";
            case MALFORMED_PAYLOAD -> "The webhook's payload is not an event this connector can read.";
            case NO_SECRET -> "The connector account has no webhook secret yet, so the webhook cannot be verified.";
        };
        return ApiException.invalidRequest(reason.code(), message, null);
    }
}

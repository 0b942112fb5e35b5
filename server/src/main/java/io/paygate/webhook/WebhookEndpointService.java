package io.paygate.webhook;

import io.paygate.event.EventLog;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.json.Diff;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.web.CallContext;
import io.paygate.vault.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook endpoints: where a merchant's events go, which events, and the secrets that sign them.
 * A secret is shown once, when it is created or rolled; it is stored sealed.
 */
@Service
public class WebhookEndpointService {

    /** A change to an endpoint; null fields stay as they are. */
    public record Changes(String url, List<String> enabledEvents, String description, Map<String, String> metadata,
                          Boolean disabled) {
    }

    private final WebhookEndpointRepository endpoints;
    private final UrlPolicy urls;
    private final SecretBox box;
    private final EventLog events;
    private final Ids ids;
    private final Clock clock;
    private final String apiVersion;

    WebhookEndpointService(WebhookEndpointRepository endpoints, UrlPolicy urls, SecretBox box, EventLog events, Ids ids,
                           Clock clock, @Value("${paygate.api-version:2026-07-29.dahlia}") String apiVersion) {
        this.endpoints = endpoints;
        this.urls = urls;
        this.box = box;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.apiVersion = apiVersion;
    }

    public void validate(CallContext ctx, String url, List<String> enabledEvents) {
        if (url != null) {
            urls.check(url, ctx.livemode());
        }
        if (enabledEvents != null) {
            if (enabledEvents.isEmpty()) {
                throw ApiException.invalidParam("enabled_events", "enabled_events must list at least one event type, or *.");
            }
            for (String type : enabledEvents) {
                if (!type.equals("*") && !type.matches("[a-z_]+(\\.[a-z_]+){1,3}")) {
                    throw ApiException.invalidParam("enabled_events", "Invalid event type '" + type + "'.");
                }
            }
        }
    }

    /** Creates an endpoint; the answer carries its signing secret, which is not shown again. */
    @Transactional
    public Map<String, Object> create(CallContext ctx, String url, List<String> enabledEvents, String description,
                                      Map<String, String> metadata) {
        String id = ids.next("we");
        String secret = "whsec_" + ids.token(32);
        WebhookEndpoint endpoint = new WebhookEndpoint(id, ctx.merchantId(), ctx.livemode(), url, description,
                List.copyOf(enabledEvents), WebhookEndpoint.ENABLED, apiVersion, metadata, null, null, null,
                clock.instant().getEpochSecond());
        endpoints.insert(endpoint, box.seal(secret, context(id)));
        return endpoint.render(secret);
    }

    public WebhookEndpoint get(CallContext ctx, String id) {
        return endpoints.find(ctx.merchantId(), ctx.livemode(), id)
                .orElseThrow(() -> ApiException.notFound("webhook_endpoint", id, "id"));
    }

    @Transactional
    public WebhookEndpoint update(CallContext ctx, String id, Changes changes) {
        WebhookEndpoint before = get(ctx, id);
        boolean enable = Boolean.FALSE.equals(changes.disabled());
        WebhookEndpoint after = new WebhookEndpoint(before.id(), before.merchantId(), before.livemode(),
                changes.url() != null ? changes.url() : before.url(),
                changes.description() != null ? changes.description() : before.description(),
                changes.enabledEvents() != null ? List.copyOf(changes.enabledEvents()) : before.enabledEvents(),
                changes.disabled() == null ? before.status() : enable ? WebhookEndpoint.ENABLED : WebhookEndpoint.DISABLED,
                before.apiVersion(), changes.metadata() != null ? changes.metadata() : before.metadata(),
                enable ? null : before.failingSinceMs(), enable ? null : changes.disabled() != null ? "disabled_by_merchant"
                : before.disabledReason(), before.previousSecretExpiresAt(), before.created());
        endpoints.update(after);
        Map<String, Object> previous = Diff.previousAttributes(before.render(null), after.render(null));
        if (!previous.isEmpty()) {
            events.record(ctx, "webhook_endpoint.updated", after.render(null), previous);
        }
        return after;
    }

    @Transactional
    public WebhookEndpoint delete(CallContext ctx, String id) {
        WebhookEndpoint endpoint = get(ctx, id);
        endpoints.markDeleted(id);
        return endpoint;
    }

    /**
     * Replaces the signing secret. The previous one keeps signing beside it for {@code overlap}
     * (zero: stops at once), so receivers can switch without dropping deliveries.
     */
    @Transactional
    public Map<String, Object> rollSecret(CallContext ctx, String id, Duration overlap) {
        get(ctx, id);
        String secret = "whsec_" + ids.token(32);
        endpoints.rollSecret(id, box.seal(secret, context(id)), clock.instant().getEpochSecond() + overlap.toSeconds());
        return endpoints.find(ctx.merchantId(), ctx.livemode(), id).orElseThrow().render(secret);
    }

    public Page<WebhookEndpoint> list(CallContext ctx, PageRequest page) {
        return endpoints.page(Where.of("merchant_id = ? and livemode = ? and deleted = false", ctx.merchantId(), ctx.livemode()),
                page);
    }

    /** The secrets that sign right now: the current one, and the previous one while it overlaps. */
    List<String> signingSecrets(String endpointId, WebhookEndpointRepository.Secrets secrets) {
        List<String> out = new ArrayList<>();
        out.add(box.open(secrets.current(), context(endpointId)));
        if (secrets.previous() != null && secrets.previousExpiresAt() != null
                && secrets.previousExpiresAt() > clock.instant().getEpochSecond()) {
            out.add(box.open(secrets.previous(), context(endpointId)));
        }
        return out;
    }

    private static String context(String endpointId) {
        return "webhook\u0000" + endpointId;
    }
}

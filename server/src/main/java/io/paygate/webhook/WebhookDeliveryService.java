package io.paygate.webhook;

import io.paygate.event.Event;
import io.paygate.event.EventLog;
import io.paygate.platform.db.Where;
import io.paygate.platform.errors.ApiException;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.pagination.Page;
import io.paygate.platform.pagination.PageRequest;
import io.paygate.platform.web.CallContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The delivery log of an endpoint, and re-sending: one delivery, all dead ones, or an event again. */
@Service
public class WebhookDeliveryService {

    private final DeliveryRepository deliveries;
    private final WebhookEndpointService endpoints;
    private final WebhookEndpointRepository endpointRows;
    private final EventLog events;
    private final Ids ids;
    private final Clock clock;

    WebhookDeliveryService(DeliveryRepository deliveries, WebhookEndpointService endpoints, WebhookEndpointRepository endpointRows,
                           EventLog events, Ids ids, Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.endpointRows = endpointRows;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    public Page<Delivery> list(CallContext ctx, String endpointId, String status, PageRequest page) {
        endpoints.get(ctx, endpointId);
        Where where = Where.of("endpoint_id = ?", endpointId);
        if (status != null) {
            where.and(status.equals(Delivery.PENDING) ? "status in ('pending', 'sending')" : "status = ?",
                    status.equals(Delivery.PENDING) ? new Object[0] : new Object[] {status});
        }
        return deliveries.page(where, page);
    }

    public Delivery get(CallContext ctx, String endpointId, String deliveryId) {
        endpoints.get(ctx, endpointId);
        return deliveries.find(deliveryId).filter(d -> d.endpointId().equals(endpointId))
                .orElseThrow(() -> ApiException.notFound("webhook_delivery", deliveryId, "id"));
    }

    public Map<String, Object> render(Delivery delivery) {
        return delivery.render(deliveries.attempts(delivery.id()));
    }

    @Transactional
    public Delivery retry(CallContext ctx, String endpointId, String deliveryId) {
        Delivery delivery = get(ctx, endpointId, deliveryId);
        requireEnabled(ctx, endpointId);
        if (!deliveries.requeue(delivery.id(), clock.millis())) {
            throw ApiException.invalidRequest("delivery_in_progress", "This delivery is being sent right now.", null);
        }
        return deliveries.find(deliveryId).orElseThrow();
    }

    @Transactional
    public int retryDead(CallContext ctx, String endpointId) {
        requireEnabled(ctx, endpointId);
        return deliveries.requeueDead(endpointId, clock.millis());
    }

    /** Sends an event again to every enabled endpoint that wants it, or to one endpoint. */
    @Transactional
    public List<Delivery> resend(CallContext ctx, String eventId, String endpointId) {
        Event event = events.get(ctx, eventId);
        List<WebhookEndpoint> targets = new ArrayList<>();
        if (endpointId != null) {
            targets.add(requireEnabled(ctx, endpointId));
        } else {
            endpointRows.enabledFor(ctx.merchantId(), ctx.livemode()).stream().filter(e -> e.wants(event.type())).forEach(targets::add);
        }
        List<Delivery> out = new ArrayList<>();
        long now = clock.millis();
        List<DeliveryRepository.NewDelivery> queued = targets.stream().map(endpoint -> new DeliveryRepository.NewDelivery(
                ids.next("whd"), ctx.merchantId(), ctx.livemode(), endpoint.id(), event.id(), event.type(), now)).toList();
        if (!queued.isEmpty()) {
            deliveries.insertAll(queued, now);
        }
        for (DeliveryRepository.NewDelivery d : queued) {
            out.add(deliveries.find(d.id()).orElseThrow());
        }
        return out;
    }

    private WebhookEndpoint requireEnabled(CallContext ctx, String endpointId) {
        WebhookEndpoint endpoint = endpoints.get(ctx, endpointId);
        if (!endpoint.status().equals(WebhookEndpoint.ENABLED)) {
            throw ApiException.invalidRequest("webhook_endpoint_disabled", "Webhook endpoint " + endpointId
                    + " is disabled; enable it (disabled=false) before re-sending.", null);
        }
        return endpoint;
    }
}

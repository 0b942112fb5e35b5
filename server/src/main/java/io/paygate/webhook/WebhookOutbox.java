package io.paygate.webhook;

import io.paygate.event.Event;
import io.paygate.event.EventRecorded;
import io.paygate.platform.ids.Ids;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The outbox: when an event is recorded, a delivery row for every enabled endpoint that wants it
 * is written in the same transaction. The dispatcher sends what committed, and nothing else.
 */
@Component
class WebhookOutbox {

    private final WebhookEndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final Ids ids;
    private final Clock clock;

    WebhookOutbox(WebhookEndpointRepository endpoints, DeliveryRepository deliveries, Ids ids, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.ids = ids;
        this.clock = clock;
    }

    @EventListener
    void onEventRecorded(EventRecorded recorded) {
        Event event = recorded.event();
        long now = clock.millis();
        for (WebhookEndpoint endpoint : endpoints.enabledFor(event.merchantId(), event.livemode())) {
            if (endpoint.wants(event.type())) {
                deliveries.insert(ids.next("whd"), event.merchantId(), event.livemode(), endpoint.id(), event.id(),
                        event.type(), now);
            }
        }
    }
}

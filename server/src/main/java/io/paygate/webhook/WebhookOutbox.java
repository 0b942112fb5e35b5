package io.paygate.webhook;

import io.paygate.event.Event;
import io.paygate.event.EventRecorded;
import io.paygate.platform.ids.Ids;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The outbox: when an event is recorded, a delivery row for every enabled endpoint that wants it
 * is written in the same transaction. The dispatcher sends what committed, and nothing else; this
 * node's dispatcher is woken as soon as the transaction commits instead of at its next poll.
 */
@Component
class WebhookOutbox {

    private final WebhookEndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final Ids ids;
    private final Clock clock;
    private final WebhookDispatcher dispatcher;

    WebhookOutbox(WebhookEndpointRepository endpoints, DeliveryRepository deliveries, Ids ids, Clock clock,
                  WebhookDispatcher dispatcher) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.ids = ids;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    @EventListener
    void onEventRecorded(EventRecorded recorded) {
        Event event = recorded.event();
        long now = clock.millis();
        boolean queued = false;
        for (WebhookEndpoint endpoint : endpoints.enabledFor(event.merchantId(), event.livemode())) {
            if (endpoint.wants(event.type())) {
                deliveries.insert(ids.next("whd"), event.merchantId(), event.livemode(), endpoint.id(), event.id(),
                        event.type(), now);
                queued = true;
            }
        }
        if (queued) {
            dispatcher.wakeAfterCommit();
        }
    }
}

package io.paygate.webhook;

import io.paygate.event.Event;
import io.paygate.event.EventsRecorded;
import io.paygate.platform.db.Transactions;
import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The outbox: when an event is recorded, a delivery row for every enabled endpoint that wants it
 * is written in the same transaction. The dispatcher sends what committed, and nothing else; this
 * node's dispatcher is woken as soon as the transaction commits instead of at its next poll. A
 * transaction that records several events (a payment's outcome records two or three) reads the
 * merchant's endpoints once and writes its deliveries in one batch.
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
    void onEventsRecorded(EventsRecorded recorded) {
        long now = clock.millis();
        List<DeliveryRepository.NewDelivery> queued = new ArrayList<>();
        for (Event event : recorded.events()) {
            for (WebhookEndpoint endpoint : enabledFor(event.merchantId(), event.livemode())) {
                if (endpoint.wants(event.type())) {
                    queued.add(new DeliveryRepository.NewDelivery(ids.next("whd"), event.merchantId(), event.livemode(),
                            endpoint.id(), event.id(), event.type()));
                }
            }
        }
        if (!queued.isEmpty()) {
            deliveries.insertAll(queued, now);
            dispatcher.wakeAfterCommit();
        }
    }

    private final Object transactionMemo = new Object();

    private List<WebhookEndpoint> enabledFor(String merchantId, boolean livemode) {
        Map<String, List<WebhookEndpoint>> memo = Transactions.scoped(transactionMemo, HashMap::new);
        if (memo == null) {
            return endpoints.enabledFor(merchantId, livemode);
        }
        return memo.computeIfAbsent(merchantId + "/" + livemode, k -> endpoints.enabledFor(merchantId, livemode));
    }
}

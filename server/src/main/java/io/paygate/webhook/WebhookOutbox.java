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
 * is written in the same transaction. The dispatcher sends what committed, and nothing else.
 *
 * <p>This node sends the deliveries it queues itself, handed over in memory as soon as the
 * transaction commits: they are written as held by it under a lease (due only when the lease
 * ends), so no poll claims them meanwhile and sending them needs no claim, endpoint or event read.
 * If the node dies first, or has no room for them on their endpoint, they go to the poll (at the
 * lease's end, or at once). A transaction that records several events (a payment's outcome
 * records two or three) reads the merchant's endpoints once and writes its deliveries in one batch.
 */
@Component
class WebhookOutbox {

    private final WebhookEndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final Ids ids;
    private final Clock clock;
    private final WebhookDispatcher dispatcher;
    private final WebhookSettings settings;

    WebhookOutbox(WebhookEndpointRepository endpoints, DeliveryRepository deliveries, Ids ids, Clock clock,
                  WebhookDispatcher dispatcher, WebhookSettings settings) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.ids = ids;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    @EventListener
    void onEventsRecorded(EventsRecorded recorded) {
        long now = clock.millis();
        List<DeliveryRepository.NewDelivery> queued = new ArrayList<>();
        List<WebhookDispatcher.Queued> handover = new ArrayList<>();
        for (int i = 0; i < recorded.events().size(); i++) {
            Event event = recorded.events().get(i);
            String data = recorded.data().get(i);
            for (WebhookEndpointRepository.WithSecrets target : enabledFor(event.merchantId(), event.livemode())) {
                if (target.endpoint().wants(event.type())) {
                    DeliveryRepository.NewDelivery delivery = new DeliveryRepository.NewDelivery(ids.next("whd"),
                            event.merchantId(), event.livemode(), target.endpoint().id(), event.id(), event.type());
                    queued.add(delivery);
                    handover.add(new WebhookDispatcher.Queued(delivery, target, event, data));
                }
            }
        }
        if (!queued.isEmpty()) {
            long leaseEnd = now + settings.lease().toMillis();
            deliveries.insertAll(queued, now, leaseEnd);
            dispatcher.sendAfterCommit(handover, now, leaseEnd);
        }
    }

    private final Object transactionMemo = new Object();

    private List<WebhookEndpointRepository.WithSecrets> enabledFor(String merchantId, boolean livemode) {
        Map<String, List<WebhookEndpointRepository.WithSecrets>> memo = Transactions.scoped(transactionMemo, HashMap::new);
        if (memo == null) {
            return endpoints.enabledWithSecrets(merchantId, livemode);
        }
        return memo.computeIfAbsent(merchantId + "/" + livemode, k -> endpoints.enabledWithSecrets(merchantId, livemode));
    }
}

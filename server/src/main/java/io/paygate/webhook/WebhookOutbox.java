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
 * transaction commits, when their endpoint's lane has room for them now: they are written as held by
 * it under a lease (due only when the lease ends), so no poll claims them meanwhile and sending them
 * needs no claim, endpoint or event read. If the node dies first they go to any node's poll when the
 * lease ends. Deliveries without room are written due at once, for the poll, which the commit
 * starts when the endpoint has room (older deliveries to it wait in the database) and the endpoint's
 * freed room starts otherwise. A transaction that
 * records several events (a payment's outcome records two or three) reads the merchant's endpoints
 * once and writes its deliveries in one batch.
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
        long leaseEnd = now + settings.lease().toMillis();
        List<DeliveryRepository.NewDelivery> queued = new ArrayList<>();
        List<WebhookDispatcher.Queued> handover = new ArrayList<>();
        boolean poll = false;
        for (int i = 0; i < recorded.events().size(); i++) {
            Event event = recorded.events().get(i);
            String data = recorded.data().get(i);
            for (WebhookEndpointRepository.WithSecrets target : enabledFor(event.merchantId(), event.livemode())) {
                if (target.endpoint().wants(event.type())) {
                    WebhookDispatcher.Reservation reservation = dispatcher.reserve(target.endpoint().id());
                    boolean held = reservation == WebhookDispatcher.Reservation.HELD;
                    poll |= reservation == WebhookDispatcher.Reservation.POLL;
                    DeliveryRepository.NewDelivery delivery = new DeliveryRepository.NewDelivery(ids.next("whd"),
                            event.merchantId(), event.livemode(), target.endpoint().id(), event.id(), event.type(),
                            held ? leaseEnd : now);
                    queued.add(delivery);
                    if (held) {
                        if (handover.isEmpty()) {
                            // Registered with the first room taken, so that the room is given back
                            // if anything from here on keeps the transaction from committing.
                            dispatcher.sendAfterCommit(handover, now, leaseEnd);
                        }
                        handover.add(new WebhookDispatcher.Queued(delivery, target, event, data));
                    }
                }
            }
        }
        if (!queued.isEmpty()) {
            deliveries.insertAll(queued, now);
        }
        if (poll) {
            dispatcher.wakeAfterCommit();
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

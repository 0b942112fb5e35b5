package io.paygate.simulator;

import io.paygate.platform.db.Transactions;
import io.paygate.platform.ids.Ids;
import io.paygate.platform.json.Json;
import io.paygate.platform.web.PublicUrl;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the account's webhook endpoint that something changed without its asking, as a processor
 * does: a payment (a page was completed, an asynchronous payment resolved), a refund (it failed or
 * completed later) or a dispute (opened, decided). Each call writes the event to the outbox in the
 * caller's transaction, the one that makes the change, so an event exists exactly when the change
 * does; {@link SimulatorWebhookSender} delivers it, told once that transaction has committed.
 */
@Component
class SimulatorNotifier {

    private final SimWebhookDeliveryRepository deliveries;
    private final Json json;
    private final Ids ids;
    private final Clock clock;
    private final PublicUrl publicUrl;
    private final SimulatorWebhookSender sender;

    SimulatorNotifier(SimWebhookDeliveryRepository deliveries, Json json, Ids ids, Clock clock, PublicUrl publicUrl,
                      SimulatorWebhookSender sender) {
        this.sender = sender;
        this.deliveries = deliveries;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    void changed(SimPayment payment) {
        if (payment.isTombstone()) {
            return;
        }
        record(payment.accountId(), "payment.updated", SimulatorObjects.payment(payment, publicUrl.base()));
    }

    void changed(SimRefund refund) {
        record(refund.accountId(), "refund.updated", SimulatorObjects.refund(refund));
    }

    void opened(SimDispute dispute) {
        record(dispute.accountId(), "dispute.created", SimulatorObjects.dispute(dispute));
    }

    void changed(SimDispute dispute) {
        record(dispute.accountId(), "dispute.updated", SimulatorObjects.dispute(dispute));
    }

    private void record(String accountId, String type, Map<String, Object> object) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a simulator event must be written in the transaction of its change");
        }
        long now = clock.millis();
        String id = ids.next("simevt");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("type", type);
        event.put("created", now / 1000);
        event.put("data", Map.of("object", object));
        deliveries.insert(new SimWebhookDelivery(id, accountId, type, json.write(event), SimDeliveryStatus.PENDING, 0, now,
                null, now / 1000, now));
        Transactions.scoped(this, () -> {
            Transactions.afterCommit(sender::wake);
            return Boolean.TRUE;
        });
    }
}

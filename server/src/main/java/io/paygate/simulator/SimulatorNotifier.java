package io.paygate.simulator;

import io.paygate.connector.ProcessorNotifications;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells Paygate that something changed without its asking, as a processor's webhook would: an
 * authorization (a page was completed, an asynchronous payment resolved), a refund (it failed or
 * completed later) or a dispute (opened, decided). Called after the change is committed. A failing
 * listener must not undo the simulator's own change, so failures are logged and dropped: Paygate
 * also polls.
 */
@Component
class SimulatorNotifier {

    private static final Logger log = LoggerFactory.getLogger(SimulatorNotifier.class);

    private final ObjectProvider<ProcessorNotifications> listeners;

    SimulatorNotifier(ObjectProvider<ProcessorNotifications> listeners) {
        this.listeners = listeners;
    }

    void changed(SimPayment payment) {
        if (payment.isTombstone()) {
            return;
        }
        tell(payment.id(), listener -> listener.authorizationChanged(payment.accountId(), payment.idempotencyKey()));
    }

    void changed(SimRefund refund) {
        tell(refund.id(), listener -> listener.refundChanged(refund.accountId(), refund.idempotencyKey()));
    }

    void changed(SimDispute dispute) {
        tell(dispute.id(), listener -> listener.disputeChanged(dispute.accountId(), dispute.id()));
    }

    private void tell(String objectId, Consumer<ProcessorNotifications> call) {
        listeners.orderedStream().forEach(listener -> {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("Processor notification for simulator object {} failed", objectId, e);
            }
        });
    }
}

package io.paygate.simulator;

import io.paygate.connector.ProcessorNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells Paygate that an authorization changed without its asking (a page was completed, an
 * asynchronous payment resolved), as a processor's webhook would. A failing listener must not undo
 * the simulator's own change, so failures are logged and dropped: Paygate also polls.
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
        listeners.orderedStream().forEach(listener -> {
            try {
                listener.authorizationChanged(payment.accountId(), payment.idempotencyKey());
            } catch (RuntimeException e) {
                log.warn("Processor notification for simulator payment {} failed", payment.id(), e);
            }
        });
    }
}

package io.paygate.payment;

import io.paygate.connector.ProcessorWatchers;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** A processor says an authorization changed: read it from the processor and record it now. */
@Component
class ProcessorNotificationHandler implements ProcessorWatchers.Authorizations {

    private final PaymentReconciler reconciler;
    private final ChargeRepository charges;
    private final Clock clock;
    private final ReconcilerSettings settings;

    ProcessorNotificationHandler(PaymentReconciler reconciler, ChargeRepository charges, Clock clock, ReconcilerSettings settings) {
        this.reconciler = reconciler;
        this.charges = charges;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public ProcessorWatchers.Result authorizationChanged(String connectorAccountId, String authorizationKey) {
        var charge = charges.findById(authorizationKey, false).filter(c -> c.connectorAccountId().equals(connectorAccountId));
        if (charge.isEmpty()) {
            return ProcessorWatchers.Result.UNKNOWN_OBJECT;
        }
        if (!charge.get().processorState().isUnresolved()) {
            return ProcessorWatchers.Result.STALE;
        }
        long now = clock.millis();
        if (charges.claim(authorizationKey, now, now + settings.lease().toMillis())) {
            reconciler.resolveCharge(authorizationKey);
        }
        return ProcessorWatchers.Result.APPLIED;
    }
}

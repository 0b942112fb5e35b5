package io.paygate.payment;

import io.paygate.connector.ProcessorWatchers;
import org.springframework.stereotype.Component;

/** Turns a processor's "something changed" into an immediate check of that authorization. */
@Component
class ProcessorNotificationHandler implements ProcessorWatchers.Authorizations {

    private final PaymentReconciler reconciler;

    ProcessorNotificationHandler(PaymentReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public void authorizationChanged(String connectorAccountId, String authorizationKey) {
        reconciler.checkSoon(connectorAccountId, authorizationKey);
    }
}

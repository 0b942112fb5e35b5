package io.paygate.simulator;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** What the customer does on the 3-D Secure and net banking pages. */
@Service
public class SimulatorActions {

    private final SimPaymentRepository payments;
    private final SimulatorNotifier notifier;
    private final TransactionTemplate tx;
    private final Clock clock;

    SimulatorActions(SimPaymentRepository payments, SimulatorNotifier notifier, TransactionTemplate tx, Clock clock) {
        this.payments = payments;
        this.notifier = notifier;
        this.tx = tx;
        this.clock = clock;
    }

    /** The payment behind a page of this kind; empty when there is no such payment or it never had such a page. */
    public Optional<SimPayment> forPage(String paymentId, ActionKind kind) {
        return payments.findById(paymentId).filter(payment -> payment.actionKind() == kind);
    }

    /**
     * Applies the customer's choice if the payment still waits for it, and tells the client (its webhook
     * event is written with the change). A second submission, or one racing the first, changes nothing
     * and answers the payment as it is.
     */
    public Optional<SimPayment> act(String paymentId, ActionKind kind, SimPayment.Choice choice) {
        Optional<SimPayment> found = forPage(paymentId, kind);
        if (found.isEmpty()) {
            return found;
        }
        SimPayment payment = found.get();
        if (payment.status() == SimStatus.REQUIRES_ACTION) {
            SimPayment next = payment.afterAction(choice, clock.millis());
            tx.executeWithoutResult(status -> {
                if (payments.compareAndSet(next, SimStatus.REQUIRES_ACTION)) {
                    notifier.changed(next);
                }
            });
        }
        return payments.findById(paymentId);
    }
}

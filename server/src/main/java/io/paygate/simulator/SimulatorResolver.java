package io.paygate.simulator;

import io.paygate.platform.scheduling.IdleBackoff;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves things on without a request: pending payments whose asynchronous answer is due,
 * {@code received} payments that the request accepting them abandoned (the process died during the
 * simulated processing time), refunds of the asynchronous test cards whose delay is over, disputes
 * due to open after capture, and submitted dispute evidence due for a decision. All of that work is
 * recorded as due times in the database, so it is picked up after a restart too. Several instances
 * may run this at once: each change is a compare-and-set, and its webhook event is written in the
 * change's transaction. While its passes find nothing it polls less often, down to one pass per
 * {@code paygate.simulator.resolve-idle-max} (a server whose processor is elsewhere, or that no
 * test payment has used, has nothing here); every request to the simulator in this process brings
 * it back to its interval ({@link SimulatorActivity}).
 */
@Component
class SimulatorResolver {

    private static final Logger log = LoggerFactory.getLogger(SimulatorResolver.class);
    private static final int BATCH = 200;

    private final SimPaymentRepository payments;
    private final SimulatorRefunds refunds;
    private final SimulatorDisputes disputes;
    private final SimulatorNotifier notifier;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration grace;
    private final IdleBackoff backoff;

    SimulatorResolver(SimPaymentRepository payments, SimulatorRefunds refunds, SimulatorDisputes disputes,
                      SimulatorNotifier notifier, TransactionTemplate tx, Clock clock,
                      @Value("${paygate.simulator.recovery-grace:PT5S}") Duration grace,
                      @Value("${paygate.simulator.resolve-interval:PT0.2S}") Duration interval,
                      @Value("${paygate.simulator.resolve-idle-max:PT1S}") Duration idleMax) {
        this.payments = payments;
        this.refunds = refunds;
        this.disputes = disputes;
        this.notifier = notifier;
        this.tx = tx;
        this.clock = clock;
        this.grace = grace;
        this.backoff = new IdleBackoff(interval, idleMax, System::nanoTime);
    }

    /** Something in this process may have made simulator work: the next pass runs on the interval. */
    void wake() {
        backoff.wake();
    }

    long wakes() {
        return backoff.wakes();
    }

    @Scheduled(fixedDelayString = "${paygate.simulator.resolve-interval:PT0.2S}", initialDelayString = "PT1S")
    void run() {
        backoff.runIfDue(() -> resolveNow() > 0, log, "Simulator resolver");
    }

    /** One pass; returns how many payments, refunds and disputes it moved or opened. */
    int resolveNow() {
        long now = clock.millis();
        int moved = 0;
        for (SimPayment payment : payments.due(SimStatus.PENDING, now, BATCH)) {
            moved += move(payment.afterAction(SimPayment.Choice.PROCEED, clock.millis()), SimStatus.PENDING);
        }
        // The request that accepted the payment settles it itself when its processing time is over; give
        // it the grace period before deciding it is gone. The asynchronous wait of an abandoned UPI
        // payment is then over too, so it resolves on the next pass.
        for (SimPayment payment : payments.due(SimStatus.RECEIVED, now - grace.toMillis(), BATCH)) {
            moved += move(payment.afterReceipt(clock.millis(), 0), SimStatus.RECEIVED);
        }
        for (SimRefund refund : refunds.due(now, BATCH)) {
            moved += refunds.settle(refund) ? 1 : 0;
        }
        for (SimPayment payment : disputes.openingsDue(now, BATCH)) {
            Optional<SimDispute> opened = disputes.open(payment);
            moved += opened.isPresent() ? 1 : 0;
        }
        for (SimDispute dispute : disputes.decisionsDue(now, BATCH)) {
            moved += disputes.decide(dispute) ? 1 : 0;
        }
        return moved;
    }

    private int move(SimPayment next, SimStatus expected) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!payments.compareAndSet(next, expected)) {
                return false;
            }
            notifier.changed(next);
            return true;
        })) ? 1 : 0;
    }
}

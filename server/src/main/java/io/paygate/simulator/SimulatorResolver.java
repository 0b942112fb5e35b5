package io.paygate.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves payments on without a request: pending payments whose asynchronous answer is due, and
 * {@code received} payments that the request accepting them abandoned (the process died during the
 * simulated processing time). So every payment the simulator accepted reaches its final state,
 * also after a restart. Several instances may run this at once: each change is a compare-and-set.
 */
@Component
class SimulatorResolver {

    private static final Logger log = LoggerFactory.getLogger(SimulatorResolver.class);
    private static final int BATCH = 200;

    private final SimPaymentRepository payments;
    private final SimulatorNotifier notifier;
    private final Clock clock;
    private final Duration grace;

    SimulatorResolver(SimPaymentRepository payments, SimulatorNotifier notifier, Clock clock,
                      @Value("${paygate.simulator.recovery-grace:PT5S}") Duration grace) {
        this.payments = payments;
        this.notifier = notifier;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(fixedDelayString = "${paygate.simulator.resolve-interval:PT0.2S}", initialDelayString = "PT1S")
    void run() {
        try {
            resolveNow();
        } catch (DataAccessException e) {
            log.warn("Simulator resolver could not reach the database; trying again on the next run", e);
        }
    }

    /** One pass; returns how many payments it moved. */
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
        return moved;
    }

    private int move(SimPayment next, SimStatus expected) {
        if (!payments.compareAndSet(next, expected)) {
            return 0;
        }
        notifier.changed(next);
        return 1;
    }
}

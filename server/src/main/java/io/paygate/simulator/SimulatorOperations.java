package io.paygate.simulator;

import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Captures and voids. Each has its own idempotency key, recorded in {@code sim_operations} in the
 * same transaction as the change it made, so a repeat answers the payment as it is now instead of
 * failing with "already captured" or voiding twice.
 */
@Service
public class SimulatorOperations {

    private static final String CAPTURE = "capture";
    private static final String VOID = "void";

    private final SimPaymentRepository payments;
    private final SimOperationRepository operations;
    private final TransactionTemplate tx;
    private final Ids ids;
    private final Clock clock;

    SimulatorOperations(SimPaymentRepository payments, SimOperationRepository operations, TransactionTemplate tx,
                        Ids ids, Clock clock) {
        this.payments = payments;
        this.operations = operations;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /** Captures {@code amount} (the whole authorization when null) of the payment sent with {@code paymentKey}. */
    public SimPayment capture(String accountId, String paymentKey, String operationKey, Long amount) {
        Optional<SimPayment> done = earlier(accountId, operationKey);
        if (done.isPresent()) {
            return done.get();
        }
        SimPayment payment = payments.findByKey(accountId, paymentKey)
                .orElseThrow(() -> SimulatorException.missing(paymentKey));
        return switch (payment.status()) {
            case AUTHORIZED -> {
                long requested = amount == null ? payment.amountAuthorized() : amount;
                if (requested <= 0) {
                    throw SimulatorException.invalidRequest("amount must be a positive integer.");
                }
                if (requested > payment.amountAuthorized()) {
                    throw SimulatorException.amountTooLarge(requested, payment.amountAuthorized());
                }
                yield apply(payment, payment.captured(requested, clock.millis()), operationKey, CAPTURE, requested)
                        .orElseGet(() -> capture(accountId, paymentKey, operationKey, amount));
            }
            case CAPTURED -> throw SimulatorException.alreadyCaptured();
            case VOIDED -> throw SimulatorException.voided();
            case RECEIVED, PENDING, REQUIRES_ACTION, DECLINED -> throw SimulatorException.invalidState(payment.status());
        };
    }

    /**
     * Voids the payment sent with {@code paymentKey}. For a key never seen it records a voided
     * tombstone, so an authorization still on its way can never be completed.
     */
    public SimPayment voidPayment(String accountId, String paymentKey, String operationKey) {
        Optional<SimPayment> done = earlier(accountId, operationKey);
        if (done.isPresent()) {
            return done.get();
        }
        Optional<SimPayment> found = payments.findByKey(accountId, paymentKey);
        if (found.isEmpty()) {
            return tombstone(accountId, paymentKey, operationKey)
                    .orElseGet(() -> voidPayment(accountId, paymentKey, operationKey));
        }
        SimPayment payment = found.get();
        return switch (payment.status()) {
            case RECEIVED, PENDING, REQUIRES_ACTION, AUTHORIZED ->
                    apply(payment, payment.voided(clock.millis()), operationKey, VOID, null)
                            .orElseGet(() -> voidPayment(accountId, paymentKey, operationKey));
            case CAPTURED -> throw SimulatorException.alreadyCaptured();
            case DECLINED, VOIDED -> payment;
        };
    }

    private Optional<SimPayment> earlier(String accountId, String operationKey) {
        return operations.paymentIdFor(accountId, operationKey).flatMap(payments::findById);
    }

    /**
     * Records the operation and moves the payment from its current status to {@code next}, both or
     * neither. Empty when someone moved the payment first (the caller decides again on its new
     * state); when a concurrent request with the same operation key won, its result is answered.
     */
    private Optional<SimPayment> apply(SimPayment payment, SimPayment next, String operationKey, String operation,
                                       Long amount) {
        try {
            boolean moved = Boolean.TRUE.equals(tx.execute(status -> {
                operations.insert(payment.accountId(), operationKey, payment.id(), operation, amount, clock.millis());
                if (payments.compareAndSet(next, payment.status())) {
                    return true;
                }
                status.setRollbackOnly();
                return false;
            }));
            return moved ? payments.findById(payment.id()) : Optional.empty();
        } catch (DuplicateKeyException e) {
            return earlier(payment.accountId(), operationKey);
        }
    }

    /** Empty when an authorization or another void with the same key got there first. */
    private Optional<SimPayment> tombstone(String accountId, String paymentKey, String operationKey) {
        SimPayment tombstone = SimPayment.tombstone(ids.next("simpay"), accountId, paymentKey, clock.millis());
        try {
            tx.executeWithoutResult(status -> {
                payments.insert(tombstone);
                operations.insert(accountId, operationKey, tombstone.id(), VOID, null, clock.millis());
            });
            return Optional.of(tombstone);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }
}

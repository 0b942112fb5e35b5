package io.paygate.simulator;

import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds of captured payments, one per (account, idempotency key). A refund reserves its amount
 * on the payment in the same transaction that records it, so neither a repeat nor two refunds
 * racing each other can ever take back more than was captured; a refund that fails or is canceled
 * gives its amount back in the transaction that moves it.
 */
@Service
public class SimulatorRefunds {

    /** How many refunds a list answers at most. */
    public static final int LIST_LIMIT = 100;

    private final SimRefundRepository refunds;
    private final SimPaymentRepository payments;
    private final SimulatorNotifier notifier;
    private final TransactionTemplate tx;
    private final Ids ids;
    private final Clock clock;

    SimulatorRefunds(SimRefundRepository refunds, SimPaymentRepository payments, SimulatorNotifier notifier,
                     TransactionTemplate tx, Ids ids, Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.notifier = notifier;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Refunds part of the payment sent with {@code request.paymentKey()}, or answers the refund an
     * earlier request with the same key made. The refund is recorded before the simulated
     * processing time, like a payment, so an answer that arrives too late still left a refund.
     */
    public SimRefund create(NewRefund request) {
        long delayMs = request.simulation().latencyFor(request.idempotencyKey());
        SimRefund refund = refundFor(request);
        Pause.forMillis(delayMs);
        return current(refund.id());
    }

    public Optional<SimRefund> find(String accountId, String refundKey) {
        return refunds.findByKey(accountId, refundKey);
    }

    public List<SimRefund> list(String accountId, String paymentKey) {
        return refunds.list(accountId, paymentKey, LIST_LIMIT);
    }

    /** Cancels a pending refund; any other refund is refused with {@code refund_not_cancelable}. */
    public SimRefund cancel(String accountId, String refundKey) {
        SimRefund refund = refunds.findByKey(accountId, refundKey)
                .orElseThrow(() -> SimulatorException.missingRefund(refundKey));
        return switch (refund.status()) {
            case PENDING -> move(refund, refund.canceled(clock.millis()))
                    ? current(refund.id())
                    // The resolver settled it first: decide again on its new state.
                    : cancel(accountId, refundKey);
            case SUCCEEDED, FAILED, CANCELED -> throw SimulatorException.refundNotCancelable(refund.status());
        };
    }

    /** Refunds whose planned change is due at or before {@code dueAtMs}, for the resolver. */
    List<SimRefund> due(long dueAtMs, int limit) {
        return refunds.due(dueAtMs, limit);
    }

    /**
     * Moves a refund whose delay is over to its planned state and tells the client, in one
     * transaction. False when someone moved it first.
     */
    boolean settle(SimRefund refund) {
        SimRefund next = refund.resolved(clock.millis());
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!move(refund, next)) {
                return false;
            }
            notifier.changed(next);
            return true;
        }));
    }

    /**
     * Moves the refund from its current status to {@code next}, giving the reserved amount back to
     * the payment when the refund stops holding money, both or neither. False when someone moved
     * the refund first.
     */
    boolean move(SimRefund refund, SimRefund next) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!refunds.compareAndSet(next, refund.status())) {
                return false;
            }
            if (refund.status().holdsMoney() && !next.status().holdsMoney()) {
                payments.releaseRefund(refund.paymentId(), refund.amount());
            }
            return true;
        }));
    }

    /** The refund made for the request's key: an earlier one, or a new one. */
    private SimRefund refundFor(NewRefund request) {
        Optional<SimRefund> earlier = refunds.findByKey(request.accountId(), request.idempotencyKey());
        return earlier.isPresent() ? sameRequest(earlier.get(), request) : accept(request);
    }

    private SimRefund accept(NewRefund request) {
        SimPayment payment = payments.findByKey(request.accountId(), request.paymentKey())
                .orElseThrow(() -> SimulatorException.missing(request.paymentKey()));
        try {
            check(payment, request);
        } catch (SimulatorException refused) {
            // A concurrent request with this key may have refunded since the key was looked up: it
            // took the money this one finds missing, and its refund is the answer.
            return refunds.findByKey(request.accountId(), request.idempotencyKey())
                    .map(earlier -> sameRequest(earlier, request))
                    .orElseThrow(() -> refused);
        }
        SimRefund fresh = SimRefund.accepted(ids.next("simre"), request, payment, clock.millis(),
                request.simulation().refundDelayMs());
        try {
            boolean reserved = Boolean.TRUE.equals(tx.execute(status -> {
                if (!payments.reserveRefund(payment.id(), request.amount())) {
                    return false;
                }
                refunds.insert(fresh);
                return true;
            }));
            // Another refund took the money between the check and the reservation (perhaps a
            // concurrent request with this very key): decide again on the new state.
            return reserved ? fresh : refundFor(request);
        } catch (DuplicateKeyException e) {
            // A concurrent request with the same key won; nothing of this one was kept.
            return sameRequest(refunds.findByKey(request.accountId(), request.idempotencyKey())
                    .orElseThrow(() -> new IllegalStateException("duplicate refund key without a row", e)), request);
        }
    }

    private static void check(SimPayment payment, NewRefund request) {
        if (payment.status() != SimStatus.CAPTURED) {
            throw SimulatorException.notRefundable(payment.status());
        }
        if (request.currency() != null && !request.currency().equals(payment.currency())) {
            throw SimulatorException.invalidRequest("currency must be the payment's currency, '" + payment.currency()
                    + "'.");
        }
        if (request.amount() > payment.refundable()) {
            throw SimulatorException.refundTooLarge(request.amount(), payment.refundable());
        }
    }

    /** A repeat answers the refund made for the key, unless the key is now sent for another payment or amount. */
    private static SimRefund sameRequest(SimRefund earlier, NewRefund request) {
        if (!earlier.paymentKey().equals(request.paymentKey()) || earlier.amount() != request.amount()) {
            throw SimulatorException.keyReused();
        }
        return earlier;
    }

    private SimRefund current(String id) {
        return refunds.findById(id).orElseThrow(() -> new IllegalStateException("simulator refund " + id + " vanished"));
    }
}

package io.paygate.simulator;

import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disputes: opened by the processor (through the resolver) once a disputing card is captured,
 * answered by the merchant with evidence or accepted. Evidence updates and acceptances carry their
 * own idempotency key, recorded in the transaction of the change, so a repeat answers the dispute
 * as it is now instead of being refused because the first one already moved it.
 */
@Service
public class SimulatorDisputes {

    /** How many disputes a list answers at most. */
    public static final int LIST_LIMIT = 100;

    private static final String EVIDENCE = "evidence";
    private static final String ACCEPT = "accept";

    private final SimDisputeRepository disputes;
    private final SimPaymentRepository payments;
    private final SimulatorNotifier notifier;
    private final TransactionTemplate tx;
    private final Ids ids;
    private final Clock clock;

    SimulatorDisputes(SimDisputeRepository disputes, SimPaymentRepository payments, SimulatorNotifier notifier,
                      TransactionTemplate tx, Ids ids, Clock clock) {
        this.disputes = disputes;
        this.payments = payments;
        this.notifier = notifier;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    public Optional<SimDispute> find(String accountId, String disputeId) {
        return disputes.findById(disputeId).filter(dispute -> dispute.accountId().equals(accountId));
    }

    public List<SimDispute> list(String accountId, String paymentKey) {
        return disputes.list(accountId, paymentKey, LIST_LIMIT);
    }

    /**
     * Merges {@code evidence} into the dispute's (an empty value removes a field) and submits it
     * when {@code submit}. Only while the dispute needs a response.
     */
    public SimDispute updateEvidence(String accountId, String disputeId, String operationKey, Map<String, String> evidence,
                                     boolean submit) {
        Optional<SimDispute> done = earlier(accountId, operationKey, disputeId);
        if (done.isPresent()) {
            return done.get();
        }
        SimDispute dispute = find(accountId, disputeId).orElseThrow(() -> SimulatorException.missingDispute(disputeId));
        return switch (dispute.status().stage()) {
            case NEEDS_RESPONSE -> {
                SimDispute next = dispute.withEvidence(evidence, submit, clock.millis());
                if (next.evidence().size() > SimDispute.MAX_EVIDENCE_FIELDS) {
                    throw SimulatorException.invalidRequest("A dispute holds at most " + SimDispute.MAX_EVIDENCE_FIELDS
                            + " evidence fields.");
                }
                yield apply(next, operationKey, EVIDENCE)
                        .orElseGet(() -> updateEvidence(accountId, disputeId, operationKey, evidence, submit));
            }
            case UNDER_REVIEW -> throw SimulatorException.disputeUnderReview(dispute.status());
            case CLOSED -> throw SimulatorException.disputeClosed(dispute.status());
        };
    }

    /** Accepts the dispute: a chargeback is lost, an inquiry closed. */
    public SimDispute accept(String accountId, String disputeId, String operationKey) {
        Optional<SimDispute> done = earlier(accountId, operationKey, disputeId);
        if (done.isPresent()) {
            return done.get();
        }
        SimDispute dispute = find(accountId, disputeId).orElseThrow(() -> SimulatorException.missingDispute(disputeId));
        return switch (dispute.status().stage()) {
            case NEEDS_RESPONSE, UNDER_REVIEW -> apply(dispute.accepted(clock.millis()), operationKey, ACCEPT)
                    .orElseGet(() -> accept(accountId, disputeId, operationKey));
            case CLOSED -> throw SimulatorException.disputeClosed(dispute.status());
        };
    }

    /** Captured payments whose dispute is due to open, for the resolver. */
    List<SimPayment> openingsDue(long dueAtMs, int limit) {
        return payments.disputesDue(dueAtMs, limit);
    }

    /**
     * Opens the payment's dispute, marks it opened and tells the client, all or nothing. Empty when
     * another resolver opened it first (then only the mark is fixed).
     */
    Optional<SimDispute> open(SimPayment payment) {
        SimDispute dispute = SimDispute.opened(ids.next("simdp"), payment, clock.millis());
        try {
            tx.executeWithoutResult(status -> {
                disputes.insert(dispute);
                payments.clearDisputeDue(payment.id());
                notifier.opened(dispute);
            });
            return Optional.of(dispute);
        } catch (DuplicateKeyException e) {
            payments.clearDisputeDue(payment.id());
            return Optional.empty();
        }
    }

    /** Disputes whose decision on submitted evidence is due, for the resolver. */
    List<SimDispute> decisionsDue(long dueAtMs, int limit) {
        return disputes.due(dueAtMs, limit);
    }

    /**
     * Applies the issuer's decision and tells the client when it changed the dispute's status. False
     * when the dispute changed meanwhile (it was accepted), or undecided evidence only ended the wait.
     */
    boolean decide(SimDispute dispute) {
        SimDispute next = dispute.decided(clock.millis());
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!disputes.compareAndSet(next)) {
                return false;
            }
            // Undecided evidence only ends the wait: nothing changed that the client could see.
            if (next.status() == dispute.status()) {
                return false;
            }
            notifier.changed(next);
            return true;
        }));
    }

    /** The dispute an earlier request with this key changed, as it is now; a key used for another dispute is refused. */
    private Optional<SimDispute> earlier(String accountId, String operationKey, String disputeId) {
        Optional<String> used = disputes.disputeIdFor(accountId, operationKey);
        if (used.isEmpty()) {
            return Optional.empty();
        }
        if (!used.get().equals(disputeId)) {
            throw SimulatorException.keyReused();
        }
        return disputes.findById(disputeId);
    }

    /**
     * Records the operation and stores {@code next}, both or neither. Empty when the dispute changed
     * first (the caller decides again on its new state); when a concurrent request with the same key
     * won, its result is answered.
     */
    private Optional<SimDispute> apply(SimDispute next, String operationKey, String operation) {
        try {
            boolean moved = Boolean.TRUE.equals(tx.execute(status -> {
                disputes.insertOperation(next.accountId(), operationKey, next.id(), operation, clock.millis());
                if (disputes.compareAndSet(next)) {
                    return true;
                }
                status.setRollbackOnly();
                return false;
            }));
            return moved ? disputes.findById(next.id()) : Optional.empty();
        } catch (DuplicateKeyException e) {
            return earlier(next.accountId(), operationKey, next.id());
        }
    }
}

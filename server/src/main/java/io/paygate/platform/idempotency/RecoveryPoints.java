package io.paygate.platform.idempotency;

import io.paygate.platform.json.Json;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RawParams;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a request that {@link IdempotencyGate#execute(CallContext, String, String, RawParams,
 * java.util.function.Supplier, IdempotencyGate.Recovery) claims its key late} writes that claim: in the
 * transaction that creates the object it answers with. The claim and the object are then committed
 * together, or not at all, so a retry after a crash finds the object instead of creating a second one.
 * Outside such a request (no key, or a key claimed up front) {@link #mark} and {@link #claimNow} do
 * nothing. {@link #answer} is the other end: the request's answer, stored in its last transaction.
 */
@Component
public class RecoveryPoints {

    private final IdempotencyStore store;
    private final Clock clock;
    private final Json json;

    RecoveryPoints(IdempotencyStore store, Clock clock, Json json) {
        this.store = store;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Claims the current request's key in the open transaction, naming {@code objectId} as what a retry
     * answers with; the first call of a request with an object of the kind it answers with names it
     * (a payment method made while confirming a payment intent does not). If another request holds the
     * key this throws, and the transaction rolls back.
     */
    public void mark(String objectId) {
        Claim claim = Claim.current();
        if (claim == null || !claim.late() || claim.recoveryObject != null || !claim.answersWith(objectId)) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A recovery point belongs in the transaction that creates " + objectId);
        }
        boolean inserted = false;
        if (claim.claimed) {
            store.setRecoveryObject(claim.key, objectId);
        } else {
            insert(claim, objectId);
            inserted = true;
        }
        claim.recoveryObject = objectId;
        forgetOnRollback(claim, inserted);
    }

    /**
     * Claims the current request's key now, for work whose first lasting change is not one that names
     * the object answered with (a later {@link #mark} names it).
     */
    public void claimNow() {
        Claim claim = Claim.current();
        if (claim == null || !claim.late() || claim.claimed) {
            return;
        }
        insert(claim, null);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            forgetOnRollback(claim, true);
        }
    }

    /**
     * Stores the current request's answer for its key in the open transaction: {@code answer}'s value,
     * or the {@link io.paygate.platform.errors.ApiException} it throws, as the gate would store it
     * after the request. For the request's last transaction, once it holds everything the answer shows:
     * the key is completed by that transaction's commit instead of a commit of its own, and once it has
     * committed the gate answers with what was stored here, whatever the request then returns or throws.
     * If the transaction rolls back the gate stores the request's answer as usual. Does nothing outside
     * an idempotent request, or before its key is claimed.
     */
    public void answer(Supplier<Object> answer) {
        Claim claim = Claim.current();
        if (claim == null || !claim.claimed || claim.answered != null) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An idempotent request's answer is stored in its last transaction");
        }
        Outcome outcome = Outcome.of(json, answer);
        store.complete(claim.key, outcome.status(), outcome.body());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    claim.answered = outcome;
                }
            }
        });
    }

    private void insert(Claim claim, String objectId) {
        long now = clock.millis();
        if (!store.tryInsert(claim.key, claim.method, claim.path, claim.fingerprint, claim.requestId, now,
                now + claim.leaseMillis, objectId)) {
            throw new Claim.Taken();
        }
        claim.claimed = true;
    }

    private static void forgetOnRollback(Claim claim, boolean inserted) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    claim.recoveryObject = null;
                    if (inserted) {
                        claim.claimed = false;
                    }
                }
            }
        });
    }
}

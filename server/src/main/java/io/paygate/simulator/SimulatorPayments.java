package io.paygate.simulator;

import io.paygate.platform.ids.Ids;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Accepts payments the way a remote processor does: one payment per (account, idempotency key),
 * recorded as {@code received} with its planned outcome before the simulated processing time, so
 * a crash during that time never loses an accepted payment (the resolver finishes it).
 */
@Service
public class SimulatorPayments {

    /** How many payments a list answers at most. */
    public static final int LIST_LIMIT = 100;

    /** What the API answers for a payment request. */
    public sealed interface Result {
        /** The payment's state, new or as an earlier request with the same key left it. */
        record Answered(SimPayment payment) implements Result {
        }

        /** An earlier request with the same key is still being processed. */
        record InProgress(SimPayment payment) implements Result {
        }

        /** A simulated processor failure: nothing was recorded. */
        record SimulatedError() implements Result {
        }

        /** A simulated hang: nothing was recorded and the answer came too late to matter. */
        record SimulatedTimeout() implements Result {
        }
    }

    private final SimPaymentRepository payments;
    private final Ids ids;
    private final Clock clock;

    SimulatorPayments(SimPaymentRepository payments, Ids ids, Clock clock) {
        this.payments = payments;
        this.ids = ids;
        this.clock = clock;
    }

    public Result create(NewPayment request) {
        Simulation simulation = request.simulation();
        Simulation.Fate fate = simulation.draw(request.idempotencyKey());
        return switch (fate.kind()) {
            case ERROR -> {
                Pause.forMillis(fate.delayMs());
                yield new Result.SimulatedError();
            }
            case TIMEOUT -> {
                Pause.forMillis(simulation.hangMs());
                yield new Result.SimulatedTimeout();
            }
            case NORMAL, CHARGED_THEN_TIMEOUT -> accept(request, fate);
        };
    }

    public Optional<SimPayment> find(String accountId, String idempotencyKey) {
        return payments.findByKey(accountId, idempotencyKey);
    }

    public List<SimPayment> list(String accountId, String reference) {
        return payments.list(accountId, reference, LIST_LIMIT);
    }

    private Result accept(NewPayment request, Simulation.Fate fate) {
        long now = clock.millis();
        Plan plan = OutcomeTable.plan(request.instrument(), YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        SimPayment fresh = SimPayment.received(ids.next("simpay"), request, plan,
                OutcomeTable.aftermath(request.instrument()), now, now + fate.delayMs());
        Optional<SimPayment> earlier = insertUnlessKnown(fresh);
        if (earlier.isPresent()) {
            return repeat(earlier.get(), request.simulation(), fate);
        }
        Pause.forMillis(fate.delayMs());
        // Loses to a void or to the resolver if either moved the row first; the answer is then theirs.
        SimPayment received = fresh.afterReceipt(clock.millis(), request.simulation().asyncDelayMs());
        boolean ours = payments.compareAndSet(received, SimStatus.RECEIVED);
        hangIfCharged(request.simulation(), fate);
        return new Result.Answered(ours && fate.kind() == Simulation.Kind.NORMAL ? received : current(fresh.id()));
    }

    /**
     * A request with a key already seen answers that payment (a void tombstone included: it is
     * never charged). Whether it is still in progress is judged on arrival, like a processor that
     * checks its idempotency store before doing anything else.
     */
    private Result repeat(SimPayment earlier, Simulation simulation, Simulation.Fate fate) {
        Pause.forMillis(fate.delayMs());
        hangIfCharged(simulation, fate);
        if (earlier.status() == SimStatus.RECEIVED) {
            return new Result.InProgress(earlier);
        }
        return new Result.Answered(current(earlier.id()));
    }

    private Optional<SimPayment> insertUnlessKnown(SimPayment fresh) {
        try {
            payments.insert(fresh);
            return Optional.empty();
        } catch (DuplicateKeyException e) {
            return Optional.of(payments.findByKey(fresh.accountId(), fresh.idempotencyKey())
                    .orElseThrow(() -> new IllegalStateException("duplicate simulator key without a row", e)));
        }
    }

    private static void hangIfCharged(Simulation simulation, Simulation.Fate fate) {
        if (fate.kind() == Simulation.Kind.CHARGED_THEN_TIMEOUT) {
            Pause.forMillis(simulation.hangMs());
        }
    }

    private SimPayment current(String id) {
        return payments.findById(id).orElseThrow(() -> new IllegalStateException("simulator payment " + id + " vanished"));
    }
}

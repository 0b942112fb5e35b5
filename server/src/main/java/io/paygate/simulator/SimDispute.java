package io.paygate.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of {@code sim_disputes}: a dispute the simulator opened against a captured payment (a
 * chargeback, or an inquiry for the inquiry test card). Transitions return a new value with the
 * next {@code version}; the repository applies them with a compare-and-set on the version, so
 * two evidence updates never lose one another and the resolver never decides on stale evidence.
 *
 * @param evidence      the merchant's evidence fields, sorted by name
 * @param evidenceDueBy epoch seconds by which evidence must be submitted
 * @param decisionMs    how long after a submission the issuer decides
 * @param decideAtMs    when the resolver decides on submitted evidence; null when nothing waits for it
 */
public record SimDispute(String id, String accountId, String paymentId, String paymentKey, long amount,
                         String currency, SimDisputeStatus status, String reason, Map<String, String> evidence,
                         long evidenceDueBy, int submissionCount, long decisionMs, Long decideAtMs, int version,
                         long createdMs, long updatedMs) {

    /** How long a merchant has to respond, as with Stripe's test disputes. */
    public static final Duration RESPONSE_WINDOW = Duration.ofDays(7);
    /** How many evidence fields a dispute holds at most. */
    public static final int MAX_EVIDENCE_FIELDS = 50;
    /** Evidence containing this (in any field) wins the dispute, as in Stripe's test mode. */
    public static final String WINNING_EVIDENCE = "winning_evidence";
    /** Evidence containing this (in any field) loses it. */
    public static final String LOSING_EVIDENCE = "losing_evidence";

    /** What the issuer makes of the submitted evidence. */
    public enum Verdict {
        WIN,
        LOSE,
        /** Neither test phrase: the dispute stays under review until the merchant accepts it. */
        UNDECIDED
    }

    public SimDispute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        evidence = Collections.unmodifiableMap(new TreeMap<>(evidence));
    }

    /**
     * The dispute the processor opens against a captured payment whose instrument disputes; empty
     * evidence, due in {@link #RESPONSE_WINDOW}.
     */
    public static SimDispute opened(String id, SimPayment payment, long now) {
        SimDisputeStatus status = switch (payment.aftermath().dispute()) {
            case CHARGEBACK -> SimDisputeStatus.NEEDS_RESPONSE;
            case INQUIRY -> SimDisputeStatus.WARNING_NEEDS_RESPONSE;
            case NONE -> throw new IllegalStateException("payment " + payment.id() + " is never disputed");
        };
        String reason = switch (payment.aftermath().dispute()) {
            case CHARGEBACK -> "fraudulent";
            case INQUIRY -> "general";
            case NONE -> throw new IllegalStateException("payment " + payment.id() + " is never disputed");
        };
        return new SimDispute(id, payment.accountId(), payment.id(), payment.idempotencyKey(), payment.amountCaptured(),
                payment.currency(), status, reason, Map.of(), dueBy(now), 0, payment.disputeDecisionMs(), null, 0, now,
                now);
    }

    /** The evidence merged with {@code more} (an empty value removes a field), submitted when {@code submit}. */
    public SimDispute withEvidence(Map<String, String> more, boolean submit, long now) {
        if (status.stage() != SimDisputeStatus.Stage.NEEDS_RESPONSE) {
            throw new IllegalStateException("dispute " + id + " takes no evidence when " + status.wireName());
        }
        Map<String, String> merged = new TreeMap<>(evidence);
        more.forEach((field, value) -> {
            if (value.isEmpty()) {
                merged.remove(field);
            } else {
                merged.put(field, value);
            }
        });
        if (!submit) {
            return with(status, merged, evidenceDueBy, submissionCount, decideAtMs, now);
        }
        SimDisputeStatus reviewed = status == SimDisputeStatus.NEEDS_RESPONSE
                ? SimDisputeStatus.UNDER_REVIEW : SimDisputeStatus.WARNING_UNDER_REVIEW;
        return with(reviewed, merged, evidenceDueBy, submissionCount + 1, now + decisionMs, now);
    }

    /**
     * The issuer's decision on the submitted evidence: a chargeback is won or lost; an inquiry is
     * closed when won and escalates into a chargeback (due again in the response window) when lost.
     * Undecided evidence leaves the dispute under review, with nothing more due.
     */
    public SimDispute decided(long now) {
        if (status.stage() != SimDisputeStatus.Stage.UNDER_REVIEW) {
            throw new IllegalStateException("dispute " + id + " is not under review but " + status.wireName());
        }
        boolean inquiry = status == SimDisputeStatus.WARNING_UNDER_REVIEW;
        return switch (verdict()) {
            case WIN -> with(inquiry ? SimDisputeStatus.WARNING_CLOSED : SimDisputeStatus.WON, evidence,
                    evidenceDueBy, submissionCount, null, now);
            case LOSE -> inquiry
                    ? with(SimDisputeStatus.NEEDS_RESPONSE, evidence, dueBy(now), submissionCount, null, now)
                    : with(SimDisputeStatus.LOST, evidence, evidenceDueBy, submissionCount, null, now);
            case UNDECIDED -> with(status, evidence, evidenceDueBy, submissionCount, null, now);
        };
    }

    /** The merchant accepts the dispute: a chargeback is lost, an inquiry closed. */
    public SimDispute accepted(long now) {
        SimDisputeStatus closed = switch (status) {
            case NEEDS_RESPONSE, UNDER_REVIEW -> SimDisputeStatus.LOST;
            case WARNING_NEEDS_RESPONSE, WARNING_UNDER_REVIEW -> SimDisputeStatus.WARNING_CLOSED;
            case WARNING_CLOSED, WON, LOST ->
                    throw new IllegalStateException("dispute " + id + " is already closed: " + status.wireName());
        };
        return with(closed, evidence, evidenceDueBy, submissionCount, null, now);
    }

    /** Winning evidence wins even next to losing evidence. */
    public Verdict verdict() {
        if (evidence.values().stream().anyMatch(value -> contains(value, WINNING_EVIDENCE))) {
            return Verdict.WIN;
        }
        if (evidence.values().stream().anyMatch(value -> contains(value, LOSING_EVIDENCE))) {
            return Verdict.LOSE;
        }
        return Verdict.UNDECIDED;
    }

    private static boolean contains(String value, String phrase) {
        return value.toLowerCase(Locale.ROOT).contains(phrase);
    }

    private static long dueBy(long nowMs) {
        return nowMs / 1000 + RESPONSE_WINDOW.toSeconds();
    }

    private SimDispute with(SimDisputeStatus next, Map<String, String> nextEvidence, long dueBy, int submissions,
                            Long decideAt, long now) {
        return new SimDispute(id, accountId, paymentId, paymentKey, amount, currency, next, reason, nextEvidence, dueBy,
                submissions, decisionMs, decideAt, version + 1, createdMs, now);
    }
}

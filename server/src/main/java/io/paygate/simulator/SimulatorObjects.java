package io.paygate.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's JSON objects (payments, refunds, disputes) as its API answers them and its
 * webhooks carry them: one rendering for both, so an event's object is what a lookup would answer.
 */
public final class SimulatorObjects {

    /** Where the 3-D Secure and bank pages live, under the simulator's host. */
    public static final String THREE_DS_PAGES = "/simulator/3ds";
    public static final String BANK_PAGES = "/simulator/bank";

    private SimulatorObjects() {
    }

    /**
     * @param baseUrl the scheme, host and port the simulator is reached at, so a redirect URL works for
     *                whoever reads it (the server may listen on a random port)
     */
    public static Map<String, Object> payment(SimPayment p, String baseUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("object", "simulator.payment");
        out.put("payment_key", p.idempotencyKey());
        out.put("status", p.status().wireName());
        out.put("amount", p.amount());
        out.put("currency", p.currency());
        out.put("capture", p.capture());
        out.put("amount_authorized", p.amountAuthorized());
        out.put("amount_captured", p.amountCaptured());
        out.put("amount_refunded", p.amountRefunded());
        out.put("reference", p.reference());
        out.put("instrument", p.instrumentLabel());
        out.put("decline", p.status() == SimStatus.DECLINED ? decline(p.decline()) : null);
        out.put("redirect_url", p.status() == SimStatus.REQUIRES_ACTION ? redirectUrl(p, baseUrl) : null);
        out.put("risk_level", p.decline() == null ? "normal" : p.decline().riskLevel());
        out.put("created", p.createdMs() / 1000);
        return out;
    }

    /** {@code refund_key} is the idempotency key the client created the refund with (Paygate's refund id). */
    public static Map<String, Object> refund(SimRefund r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("object", "simulator.refund");
        out.put("refund_key", r.idempotencyKey());
        out.put("status", r.status().wireName());
        out.put("amount", r.amount());
        out.put("currency", r.currency());
        out.put("payment", r.paymentId());
        out.put("payment_key", r.paymentKey());
        out.put("reason", r.reason());
        out.put("failure", r.failure() == null ? null : failure(r.failure()));
        out.put("created", r.createdMs() / 1000);
        return out;
    }

    public static Map<String, Object> dispute(SimDispute d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("object", "simulator.dispute");
        out.put("payment", d.paymentId());
        out.put("payment_key", d.paymentKey());
        out.put("amount", d.amount());
        out.put("currency", d.currency());
        out.put("status", d.status().wireName());
        out.put("reason", d.reason());
        out.put("evidence", d.evidence());
        out.put("evidence_due_by", d.evidenceDueBy());
        out.put("submission_count", d.submissionCount());
        out.put("created", d.createdMs() / 1000);
        return out;
    }

    /** Where the customer completes the payment, or null when it waits for nobody (an asynchronous payment). */
    static String redirectUrl(SimPayment p, String baseUrl) {
        if (p.actionKind() == null) {
            return null;
        }
        return switch (p.actionKind()) {
            case THREE_DS -> baseUrl + THREE_DS_PAGES + "/" + p.id();
            case BANK -> baseUrl + BANK_PAGES + "/" + p.id();
            case ASYNC -> null;
        };
    }

    private static Map<String, Object> decline(Decline decline) {
        Decline d = decline == null ? Decline.GENERIC : decline;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", d.code());
        out.put("decline_code", d.declineCode());
        out.put("message", d.message());
        return out;
    }

    private static Map<String, Object> failure(SimRefund.Failure failure) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", failure.code());
        out.put("message", failure.message());
        return out;
    }
}

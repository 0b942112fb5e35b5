package io.paygate.payment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Payment intents and charges in Stripe's wire shape, plus Paygate's {@code connector} and {@code attempts}. */
public final class PaymentViews {

    private PaymentViews() {
    }

    public static Map<String, Object> intent(PaymentIntent p, List<Charge> charges) {
        List<Attempt> attempts = new ArrayList<>(charges.size());
        for (Charge c : charges) {
            attempts.add(Attempt.of(c));
        }
        return intentWithAttempts(p, attempts);
    }

    /** The intent's view from its attempts alone, for reads that do not load the whole charges. */
    public static Map<String, Object> intentWithAttempts(PaymentIntent p, List<Attempt> attempts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("object", "payment_intent");
        out.put("amount", p.amount());
        out.put("amount_capturable", p.amountCapturable());
        out.put("amount_details", Map.of("tip", Map.of()));
        out.put("amount_received", p.amountReceived());
        out.put("application", null);
        out.put("application_fee_amount", null);
        out.put("attempts", attempts(attempts));
        out.put("automatic_payment_methods", null);
        out.put("canceled_at", p.canceledAt());
        out.put("cancellation_reason", p.cancellationReason());
        out.put("capture_method", p.captureMethod());
        out.put("client_secret", p.clientSecret());
        out.put("confirmation_method", p.confirmationMethod());
        out.put("connector", p.connector());
        out.put("connector_account", p.connectorAccountId());
        out.put("created", p.created());
        out.put("currency", p.currency());
        out.put("customer", p.customerId());
        out.put("description", p.description());
        out.put("last_payment_error", p.lastPaymentError());
        out.put("latest_charge", p.latestChargeId());
        out.put("livemode", p.livemode());
        out.put("metadata", p.metadata());
        out.put("next_action", p.nextAction());
        out.put("on_behalf_of", null);
        out.put("payment_method", p.paymentMethodId());
        out.put("payment_method_options", Map.of());
        out.put("payment_method_types", p.paymentMethodTypes());
        out.put("processing", null);
        out.put("receipt_email", p.receiptEmail());
        out.put("return_url", p.returnUrl());
        out.put("review", null);
        out.put("setup_future_usage", p.setupFutureUsage());
        out.put("shipping", p.shipping());
        out.put("statement_descriptor", p.statementDescriptor());
        out.put("statement_descriptor_suffix", p.statementDescriptorSuffix());
        out.put("status", p.status().wireName());
        out.put("transfer_data", null);
        out.put("transfer_group", null);
        return out;
    }

    private static List<Map<String, Object>> attempts(List<Attempt> attempts) {
        List<Map<String, Object>> out = new ArrayList<>(attempts.size());
        for (Attempt c : attempts) {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("charge", c.chargeId());
            attempt.put("connector", c.connector());
            attempt.put("connector_account", c.connectorAccountId());
            attempt.put("created", c.created());
            attempt.put("decline_code", c.declineCode());
            attempt.put("failure_code", c.failureCode());
            attempt.put("outcome", attemptOutcome(c.processorState()));
            attempt.put("processor_reference", c.processorReference());
            out.add(attempt);
        }
        return out;
    }

    private static String attemptOutcome(ProcessorState state) {
        return switch (state) {
            case SENT -> "in_flight";
            case UNKNOWN -> "unknown";
            case PENDING -> "pending";
            case ACTION_REQUIRED -> "requires_action";
            case AUTHORIZED -> "authorized";
            case CAPTURED -> "captured";
            case DECLINED -> "declined";
            case VOIDED -> "voided";
        };
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> charge(Charge c) {
        Map<String, Object> details = new LinkedHashMap<>(c.paymentMethodDetails());
        Object billing = details.remove("billing_details");
        boolean voidedAuthorization = c.processorState() == ProcessorState.VOIDED && Charge.SUCCEEDED.equals(c.status());
        long refunded = voidedAuthorization ? c.amount() : c.amountRefunded();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("object", "charge");
        out.put("amount", c.amount());
        out.put("amount_captured", c.amountCaptured());
        out.put("amount_refunded", refunded);
        out.put("application_fee_amount", null);
        out.put("balance_transaction", c.accounting().balanceTransactionId());
        out.put("billing_details", billing instanceof Map<?, ?> map ? (Map<String, Object>) map : null);
        out.put("captured", c.processorState() == ProcessorState.CAPTURED || c.amountCaptured() > 0);
        out.put("connector", c.connector());
        out.put("connector_account", c.connectorAccountId());
        out.put("created", c.created());
        out.put("currency", c.currency());
        out.put("customer", c.customerId());
        out.put("description", c.description());
        out.put("disputed", c.accounting().amountDisputed() > 0);
        out.put("failure_code", c.failureCode());
        out.put("failure_message", c.failureMessage());
        out.put("fraud_details", Map.of());
        out.put("livemode", c.livemode());
        out.put("metadata", c.metadata());
        out.put("outcome", outcome(c));
        out.put("paid", c.processorState().holdsFunds() || voidedAuthorization);
        out.put("payment_intent", c.paymentIntentId());
        out.put("payment_method", c.paymentMethodId());
        out.put("payment_method_details", details);
        out.put("receipt_url", null);
        out.put("refunded", refunded > 0 && refunded >= c.amount());
        out.put("status", c.status());
        return out;
    }

    private static Map<String, Object> outcome(Charge c) {
        if (Charge.PENDING.equals(c.status())) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean fraud = "fraudulent".equals(c.declineCode());
        if (Charge.FAILED.equals(c.status())) {
            out.put("network_status", fraud ? "not_sent_to_network" : "declined_by_network");
            out.put("reason", fraud ? "highest_risk_level" : c.declineCode());
            out.put("risk_level", fraud ? "highest" : "normal");
            out.put("seller_message", fraud ? "Paygate blocked this payment as too risky."
                    : "The bank did not return any further details with this decline.");
            out.put("type", fraud ? "blocked" : "issuer_declined");
        } else {
            out.put("network_status", "approved_by_network");
            out.put("reason", null);
            out.put("risk_level", "normal");
            out.put("seller_message", "Payment complete.");
            out.put("type", "authorized");
        }
        return out;
    }
}

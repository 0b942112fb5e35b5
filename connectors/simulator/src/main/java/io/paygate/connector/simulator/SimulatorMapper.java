package io.paygate.connector.simulator;

import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.DisputeOutcome;
import io.paygate.connector.spi.DisputeReport;
import io.paygate.connector.spi.DisputeRequest;
import io.paygate.connector.spi.Instrument;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.RefundOutcome;
import io.paygate.connector.spi.RefundRequest;
import io.paygate.connector.spi.Secret;
import io.paygate.connector.spi.WebhookEndpointRegistration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Pure mapping between Paygate's connector types and the simulator processor's JSON. No I/O here,
 * so every mapping is unit-tested on recorded responses.
 */
public final class SimulatorMapper {

    /** Account settings that shape the simulator's behaviour, passed with each payment and refund request. */
    static final String[] SIMULATION_SETTINGS = {
        "latency_ms", "latency_jitter_ms", "error_rate", "timeout_rate", "charged_then_timeout_rate",
        "hang_ms", "async_delay_ms", "seed", "refund_delay_ms", "dispute_delay_ms", "dispute_decision_ms"
    };

    private SimulatorMapper() {
    }

    static Map<String, Object> paymentBody(AuthorizeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", request.amount().amountMinor());
        body.put("currency", request.amount().currencyCode());
        body.put("capture", request.capture());
        body.put("reference", request.paymentReference());
        body.put("return_url", request.returnUrl());
        body.put("instrument", instrument(request.instrument()));
        body.put("simulation", simulation(request.account()));
        return body;
    }

    static Map<String, Object> refundBody(RefundRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", request.amount().amountMinor());
        body.put("currency", request.amount().currencyCode());
        body.put("reason", request.reason());
        body.put("simulation", simulation(request.account()));
        return body;
    }

    static Map<String, Object> disputeBody(DisputeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("evidence", new TreeMap<>(request.evidence()));
        body.put("submit", request.submit());
        return body;
    }

    private static Map<String, Object> simulation(ConnectorAccount account) {
        Map<String, Object> simulation = new LinkedHashMap<>();
        for (String name : SIMULATION_SETTINGS) {
            String value = account.settings().get(name);
            if (value != null) {
                simulation.put(name, value);
            }
        }
        return simulation;
    }

    static Map<String, Object> instrument(Instrument instrument) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (instrument) {
            case Instrument.Card card -> {
                out.put("type", "card");
                out.put("number", card.number().reveal());
                out.put("exp_month", card.expMonth());
                out.put("exp_year", card.expYear());
                if (card.cvc() != null) {
                    out.put("cvc", card.cvc().reveal());
                }
                if (card.holderName() != null) {
                    out.put("name", card.holderName());
                }
            }
            case Instrument.Upi upi -> {
                out.put("type", "upi");
                out.put("vpa", upi.vpa());
            }
            case Instrument.NetBanking bank -> {
                out.put("type", "netbanking");
                out.put("bank", bank.bank());
            }
        }
        return out;
    }

    /** Maps a 2xx payment object of the simulator to an outcome. */
    static ProcessorOutcome outcome(JsonNode payment) {
        String reference = text(payment, "id");
        String status = text(payment, "status");
        if (status == null) {
            return new ProcessorOutcome.Unknown("simulator answered without a status");
        }
        return switch (status) {
            case "authorized", "captured" -> new ProcessorOutcome.Approved(reference,
                    payment.path("amount_authorized").asLong(), payment.path("amount_captured").asLong());
            case "declined" -> declined(reference, payment.path("decline"));
            case "requires_action" -> new ProcessorOutcome.ActionRequired(reference,
                    URI.create(text(payment, "redirect_url")));
            case "received", "pending" -> new ProcessorOutcome.Pending(reference);
            case "voided" -> new ProcessorOutcome.Voided(reference);
            default -> new ProcessorOutcome.Unknown("simulator status " + status);
        };
    }

    /** Maps a non-2xx answer: a 4xx with an error object is a refusal; anything else says nothing. */
    static ProcessorOutcome errorOutcome(int httpStatus, JsonNode body) {
        if (httpStatus == 404 && body != null && "resource_missing".equals(text(body.path("error"), "code"))) {
            return new ProcessorOutcome.NotFound();
        }
        if (httpStatus >= 400 && httpStatus < 500 && httpStatus != 409 && httpStatus != 429 && body != null
                && body.has("error")) {
            JsonNode error = body.path("error");
            return new ProcessorOutcome.Declined(null, orDefault(text(error, "code"), "processing_error"),
                    text(error, "decline_code"), orDefault(text(error, "message"), "The processor refused the request."));
        }
        return new ProcessorOutcome.Unknown("simulator answered HTTP " + httpStatus);
    }

    /**
     * Maps the answer to a refund: the refund's state, NotFound for an unknown payment, Failed
     * without a reference for a refusal (amount too large, payment not captured), Unknown for
     * anything that does not say whether money moved.
     */
    static RefundOutcome refundOutcome(int httpStatus, JsonNode body) {
        if (isSuccess(httpStatus, body)) {
            return refund(body);
        }
        if (isMissing(httpStatus, body)) {
            return new RefundOutcome.NotFound();
        }
        if (isRefusal(httpStatus, body)) {
            JsonNode error = body.path("error");
            return new RefundOutcome.Failed(null, orDefault(text(error, "code"), "refund_failed"),
                    orDefault(text(error, "message"), "The processor refused the refund."));
        }
        return new RefundOutcome.Unknown("simulator answered HTTP " + httpStatus);
    }

    /** Maps the answer to a refund lookup or cancel: the refund's state, NotFound, or Unknown. */
    static RefundOutcome refundStateOutcome(int httpStatus, JsonNode body) {
        if (isSuccess(httpStatus, body)) {
            return refund(body);
        }
        if (isMissing(httpStatus, body)) {
            return new RefundOutcome.NotFound();
        }
        return new RefundOutcome.Unknown("simulator answered HTTP " + httpStatus);
    }

    /** A cancel refused because the refund is no longer pending: its state is then asked for. */
    static boolean isTooLateToCancel(int httpStatus, JsonNode body) {
        return httpStatus == 400 && body != null && "refund_not_cancelable".equals(text(body.path("error"), "code"));
    }

    /** Maps a 2xx refund object of the simulator. */
    static RefundOutcome refund(JsonNode refund) {
        String reference = text(refund, "id");
        String status = text(refund, "status");
        if (reference == null || status == null) {
            return new RefundOutcome.Unknown("simulator answered a refund without an id or a status");
        }
        return switch (status) {
            case "succeeded" -> new RefundOutcome.Succeeded(reference);
            case "pending" -> new RefundOutcome.Pending(reference);
            case "failed" -> {
                JsonNode failure = refund.path("failure");
                yield new RefundOutcome.Failed(reference, orDefault(text(failure, "code"), "refund_failed"),
                        orDefault(text(failure, "message"), "The refund failed."));
            }
            case "canceled" -> new RefundOutcome.Canceled(reference);
            default -> new RefundOutcome.Unknown("simulator refund status " + status);
        };
    }

    /**
     * Maps the answer to a dispute lookup, evidence update or acceptance: Found, NotFound, Refused
     * for a 4xx refusal (evidence on a closed dispute), Unknown otherwise.
     */
    static DisputeOutcome disputeOutcome(int httpStatus, JsonNode body) {
        if (isSuccess(httpStatus, body)) {
            return dispute(body);
        }
        if (isMissing(httpStatus, body)) {
            return new DisputeOutcome.NotFound();
        }
        if (isRefusal(httpStatus, body)) {
            JsonNode error = body.path("error");
            return new DisputeOutcome.Refused(orDefault(text(error, "code"), "invalid_request"),
                    orDefault(text(error, "message"), "The processor refused the request."));
        }
        return new DisputeOutcome.Unknown("simulator answered HTTP " + httpStatus);
    }

    /** Maps a 2xx dispute object of the simulator. */
    static DisputeOutcome dispute(JsonNode dispute) {
        String reference = text(dispute, "id");
        String paymentKey = text(dispute, "payment_key");
        String status = text(dispute, "status");
        String currency = text(dispute, "currency");
        JsonNode amount = dispute.get("amount");
        if (reference == null || paymentKey == null || status == null || currency == null || amount == null
                || !amount.canConvertToLong()) {
            return new DisputeOutcome.Unknown("simulator answered an incomplete dispute");
        }
        Money money;
        try {
            money = Money.of(amount.asLong(), currency);
        } catch (IllegalArgumentException e) {
            return new DisputeOutcome.Unknown("simulator answered a dispute in an unknown currency");
        }
        return new DisputeOutcome.Found(new DisputeReport(reference, paymentKey, money, status, text(dispute, "reason"),
                dispute.path("evidence_due_by").asLong(), dispute.path("submission_count").asInt(),
                dispute.path("created").asLong()));
    }

    static Map<String, Object> webhookEndpointBody(URI url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url.toString());
        return body;
    }

    /** The same key for the same account and URL: a registration repeated for them answers the same secret. */
    static String registrationKey(String accountId, URI url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((accountId + "\n" + url).getBytes(StandardCharsets.UTF_8));
            return "whep_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Maps the answer to a webhook endpoint registration: its secret, a refusal, or Unknown. */
    static WebhookEndpointRegistration webhookEndpointRegistration(int httpStatus, JsonNode body) {
        if (isSuccess(httpStatus, body)) {
            String secret = text(body, "secret");
            return secret == null || secret.isBlank()
                    ? new WebhookEndpointRegistration.Unknown("simulator answered a webhook endpoint without a secret")
                    : new WebhookEndpointRegistration.Registered(Secret.of(secret));
        }
        if (isRefusal(httpStatus, body)) {
            JsonNode error = body.path("error");
            return new WebhookEndpointRegistration.Refused(orDefault(text(error, "code"), "invalid_request"),
                    orDefault(text(error, "message"), "The processor refused the webhook endpoint."));
        }
        return new WebhookEndpointRegistration.Unknown("simulator answered HTTP " + httpStatus);
    }

    private static boolean isSuccess(int httpStatus, JsonNode body) {
        return httpStatus / 100 == 2 && body != null && body.isObject();
    }

    private static boolean isMissing(int httpStatus, JsonNode body) {
        return httpStatus == 404 && body != null && "resource_missing".equals(text(body.path("error"), "code"));
    }

    /** A 4xx that refuses the request; 409 (in progress) and 429 (slow down) say nothing final. */
    private static boolean isRefusal(int httpStatus, JsonNode body) {
        return httpStatus >= 400 && httpStatus < 500 && httpStatus != 409 && httpStatus != 429 && body != null
                && body.has("error");
    }

    private static ProcessorOutcome declined(String reference, JsonNode decline) {
        return new ProcessorOutcome.Declined(reference, orDefault(text(decline, "code"), "card_declined"),
                text(decline, "decline_code"), orDefault(text(decline, "message"), "Your card was declined."));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}

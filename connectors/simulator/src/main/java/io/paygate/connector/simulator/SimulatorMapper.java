package io.paygate.connector.simulator;

import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.Instrument;
import io.paygate.connector.spi.ProcessorOutcome;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Pure mapping between Paygate's connector types and the simulator processor's JSON. No I/O here,
 * so every mapping is unit-tested on recorded responses.
 */
public final class SimulatorMapper {

    /** Account settings that shape the simulator's behaviour, passed with each payment request. */
    static final String[] SIMULATION_SETTINGS = {
        "latency_ms", "latency_jitter_ms", "error_rate", "timeout_rate", "charged_then_timeout_rate",
        "hang_ms", "async_delay_ms", "seed"
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
        Map<String, Object> simulation = new LinkedHashMap<>();
        for (String name : SIMULATION_SETTINGS) {
            String value = request.account().settings().get(name);
            if (value != null) {
                simulation.put(name, value);
            }
        }
        body.put("simulation", simulation);
        return body;
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

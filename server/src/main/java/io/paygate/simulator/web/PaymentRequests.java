package io.paygate.simulator.web;

import io.paygate.connector.spi.Currency;
import io.paygate.platform.json.Json;
import io.paygate.simulator.NewPayment;
import io.paygate.simulator.NewRefund;
import io.paygate.simulator.SimDispute;
import io.paygate.simulator.SimInstrument;
import io.paygate.simulator.Simulation;
import io.paygate.simulator.SimulatorException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the simulator API's JSON bodies. Anything malformed is a 400 {@code invalid_request}: a
 * processor tells its client exactly which field it rejected.
 */
final class PaymentRequests {

    private static final int MAX_REFERENCE = 100;
    private static final int MAX_RETURN_URL = 2000;
    /** A UPI address or bank code; the stored label adds a short prefix and must fit 100 characters. */
    private static final int MAX_NAME = 80;
    /** Stripe's limit for one evidence text. */
    private static final int MAX_EVIDENCE_TEXT = 20_000;
    private static final Pattern EVIDENCE_FIELD = Pattern.compile("[a-z0-9_]{1,60}");
    private static final List<String> REFUND_REASONS = List.of("duplicate", "fraudulent", "requested_by_customer");

    private PaymentRequests() {
    }

    static JsonNode readObject(Json json, String body) {
        if (body == null || body.isBlank()) {
            throw SimulatorException.invalidRequest("The request body must be a JSON object.");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw SimulatorException.invalidRequest("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw SimulatorException.invalidRequest("The request body must be a JSON object.");
        }
        return node;
    }

    static NewPayment payment(String accountId, String idempotencyKey, JsonNode body) {
        long amount = requiredLong(body, "amount");
        if (amount <= 0 || amount > Currency.MAXIMUM_AMOUNT_MINOR) {
            throw SimulatorException.invalidRequest("amount must be between 1 and " + Currency.MAXIMUM_AMOUNT_MINOR + ".");
        }
        String currency = requiredText(body, "currency").toLowerCase(Locale.ROOT);
        if (Currency.find(currency).isEmpty()) {
            throw SimulatorException.invalidRequest("Unsupported currency '" + currency + "'.");
        }
        return new NewPayment(accountId, idempotencyKey, amount, currency, optionalBoolean(body, "capture", true),
                optionalText(body, "reference", MAX_REFERENCE), returnUrl(body), instrument(body.get("instrument")),
                simulation(body.get("simulation")));
    }

    /** The amount of a capture; null (capture everything) when the body has none. */
    static Long captureAmount(JsonNode body) {
        JsonNode amount = body.get("amount");
        return amount == null || amount.isNull() ? null : requiredLong(body, "amount");
    }

    /**
     * A refund of the payment sent with {@code paymentKey}: an amount, optionally the currency
     * (which must be the payment's), one of Stripe's reasons, and the account's simulation knobs
     * (only the latency and {@code refund_delay_ms} apply to refunds).
     */
    static NewRefund refund(String accountId, String idempotencyKey, String paymentKey, JsonNode body) {
        long amount = requiredLong(body, "amount");
        if (amount <= 0 || amount > Currency.MAXIMUM_AMOUNT_MINOR) {
            throw SimulatorException.invalidRequest("amount must be between 1 and " + Currency.MAXIMUM_AMOUNT_MINOR + ".");
        }
        String currency = optionalText(body, "currency", 3);
        String reason = optionalText(body, "reason", MAX_NAME);
        if (reason != null && !REFUND_REASONS.contains(reason)) {
            throw SimulatorException.invalidRequest("reason must be one of " + String.join(", ", REFUND_REASONS) + ".");
        }
        return new NewRefund(accountId, idempotencyKey, paymentKey, amount,
                currency == null ? null : currency.toLowerCase(Locale.ROOT), reason, simulation(body.get("simulation")));
    }

    /** The evidence fields of a dispute update: an object of strings, an empty string removing a field. */
    static Map<String, String> evidence(JsonNode body) {
        JsonNode node = body.get("evidence");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw SimulatorException.invalidRequest("evidence must be an object of text fields.");
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!EVIDENCE_FIELD.matcher(name).matches()) {
                throw SimulatorException.invalidRequest("evidence field names are lowercase letters, digits and "
                        + "underscores, at most 60 characters.");
            }
            JsonNode value = field.getValue();
            if (!value.isString() || value.asString().length() > MAX_EVIDENCE_TEXT) {
                throw SimulatorException.invalidRequest("evidence." + name + " must be text of at most "
                        + MAX_EVIDENCE_TEXT + " characters.");
            }
            evidence.put(name, value.asString());
        }
        if (evidence.size() > SimDispute.MAX_EVIDENCE_FIELDS) {
            throw SimulatorException.invalidRequest("A dispute holds at most " + SimDispute.MAX_EVIDENCE_FIELDS
                    + " evidence fields.");
        }
        return evidence;
    }

    /** Whether a dispute update submits the evidence; false when the body does not say. */
    static boolean submit(JsonNode body) {
        return optionalBoolean(body, "submit", false);
    }

    private static SimInstrument instrument(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw SimulatorException.invalidRequest("instrument must be an object with a type.");
        }
        String type = requiredText(node, "type");
        return switch (type) {
            case "card" -> card(node);
            case "upi" -> new SimInstrument.Upi(requiredText(node, "vpa", MAX_NAME));
            case "netbanking" -> new SimInstrument.NetBanking(requiredText(node, "bank", MAX_NAME));
            default -> throw SimulatorException.invalidRequest("Unknown instrument type '" + type
                    + "'; expected card, upi or netbanking.");
        };
    }

    private static SimInstrument card(JsonNode node) {
        String number = requiredText(node, "number").replace(" ", "").replace("-", "");
        if (!number.matches("\\d{12,19}")) {
            // Never echo the value: it may be a card number.
            throw SimulatorException.invalidRequest("instrument.number must be 12 to 19 digits.");
        }
        long month = requiredLong(node, "exp_month");
        long year = requiredLong(node, "exp_year");
        if (month < 1 || month > 12) {
            throw SimulatorException.invalidRequest("instrument.exp_month must be between 1 and 12.");
        }
        if (year < 1900 || year > 9999) {
            throw SimulatorException.invalidRequest("instrument.exp_year must be a four-digit year.");
        }
        return new SimInstrument.Card(number, (int) month, (int) year);
    }

    private static Simulation simulation(JsonNode node) {
        if (node == null || node.isNull()) {
            return Simulation.NONE;
        }
        if (!node.isObject()) {
            throw SimulatorException.invalidRequest("simulation must be an object.");
        }
        Simulation none = Simulation.NONE;
        try {
            String seed = knob(node, "seed");
            return new Simulation(longKnob(node, "latency_ms", none.latencyMs()),
                    longKnob(node, "latency_jitter_ms", none.latencyJitterMs()),
                    rateKnob(node, "error_rate"), rateKnob(node, "timeout_rate"), rateKnob(node, "charged_then_timeout_rate"),
                    longKnob(node, "hang_ms", none.hangMs()), longKnob(node, "async_delay_ms", none.asyncDelayMs()),
                    seed == null ? null : Long.parseLong(seed),
                    longKnob(node, "refund_delay_ms", none.refundDelayMs()),
                    longKnob(node, "dispute_delay_ms", none.disputeDelayMs()),
                    longKnob(node, "dispute_decision_ms", none.disputeDecisionMs()));
        } catch (IllegalArgumentException e) {
            throw SimulatorException.invalidRequest("Invalid simulation setting: " + e.getMessage());
        }
    }

    /** Simulation values come as strings (account settings are strings); numbers are accepted too. */
    private static String knob(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a string or a number");
        }
        String text = value.asString().trim();
        return text.isEmpty() ? null : text;
    }

    private static long longKnob(JsonNode node, String name, long fallback) {
        String value = knob(node, name);
        return value == null ? fallback : Long.parseLong(value);
    }

    private static double rateKnob(JsonNode node, String name) {
        String value = knob(node, name);
        return value == null ? 0 : Double.parseDouble(value);
    }

    private static String returnUrl(JsonNode body) {
        String url = optionalText(body, "return_url", MAX_RETURN_URL);
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw SimulatorException.invalidRequest("return_url must be an absolute http or https URL.");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw SimulatorException.invalidRequest("return_url is not a valid URL.");
        }
    }

    private static long requiredLong(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw SimulatorException.invalidRequest(name + " must be an integer.");
        }
        return value.longValue();
    }

    private static String requiredText(JsonNode node, String name) {
        return requiredText(node, name, Integer.MAX_VALUE);
    }

    private static String requiredText(JsonNode node, String name, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw SimulatorException.invalidRequest(name + " is required.");
        }
        String text = value.asString().trim();
        if (text.length() > maxLength) {
            throw SimulatorException.invalidRequest(name + " must be at most " + maxLength + " characters.");
        }
        return text;
    }

    private static String optionalText(JsonNode node, String name, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().length() > maxLength) {
            throw SimulatorException.invalidRequest(name + " must be a string of at most " + maxLength + " characters.");
        }
        return value.asString();
    }

    private static boolean optionalBoolean(JsonNode node, String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw SimulatorException.invalidRequest(name + " must be true or false.");
        }
        return value.booleanValue();
    }
}

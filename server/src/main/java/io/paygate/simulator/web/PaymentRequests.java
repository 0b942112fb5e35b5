package io.paygate.simulator.web;

import io.paygate.connector.spi.Currency;
import io.paygate.platform.json.Json;
import io.paygate.simulator.NewPayment;
import io.paygate.simulator.SimInstrument;
import io.paygate.simulator.Simulation;
import io.paygate.simulator.SimulatorException;
import java.net.URI;
import java.util.Locale;
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
                    seed == null ? null : Long.parseLong(seed));
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

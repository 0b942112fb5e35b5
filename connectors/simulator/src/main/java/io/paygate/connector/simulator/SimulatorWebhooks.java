package io.paygate.connector.simulator;

import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.connector.spi.Secret;
import io.paygate.connector.spi.WebhookVerification;
import io.paygate.connector.spi.WebhookVerification.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's webhooks: checks their signature and reads them. Pure, so it is unit-tested on
 * recorded requests.
 *
 * <p>The signature header is {@code Simulator-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}, the
 * HMAC keyed with the account's webhook secret over {@code "<t>." + raw body}, as Stripe signs its
 * webhooks. While the processor rotates a secret it signs with the old and the new one, so any of
 * several {@code v1} values may match. The timestamp must be within {@value #TOLERANCE_SECONDS}
 * seconds of now, either way, so a captured request cannot be replayed later.
 */
public final class SimulatorWebhooks {

    public static final String SIGNATURE_HEADER = "Simulator-Signature";
    /** The connector account credential holding the secret the simulator signs with. */
    public static final String SECRET_CREDENTIAL = "webhook_secret";
    public static final long TOLERANCE_SECONDS = 300;

    /** Event ids and object keys longer than this are not the simulator's (and would not fit Paygate's columns). */
    static final int MAX_KEY_LENGTH = 255;
    private static final String SCHEME = "v1";
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulatorWebhooks() {
    }

    /**
     * @param secret  the account's webhook secret, or null when it has none yet
     * @param headers the request's headers, names in any letter case
     */
    public static WebhookVerification verify(Secret secret, Map<String, String> headers, byte[] rawBody,
                                             long nowEpochSecond) {
        if (secret == null || secret.isEmpty()) {
            return rejected(Reason.NO_SECRET);
        }
        String header = header(headers, SIGNATURE_HEADER);
        if (header == null || header.isBlank()) {
            return rejected(Reason.MISSING_SIGNATURE);
        }
        SignatureHeader signature = SignatureHeader.parse(header);
        if (signature == null) {
            return rejected(Reason.BAD_SIGNATURE);
        }
        byte[] expected = sign(secret, signature.timestamp(), rawBody).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : signature.signatures()) {
            // Every candidate is compared in full, in constant time, whatever the earlier ones gave.
            matched |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            return rejected(Reason.BAD_SIGNATURE);
        }
        if (signature.timestamp() < nowEpochSecond - TOLERANCE_SECONDS
                || signature.timestamp() > nowEpochSecond + TOLERANCE_SECONDS) {
            return rejected(Reason.TIMESTAMP_OUTSIDE_TOLERANCE);
        }
        return read(rawBody);
    }

    /** The hex HMAC-SHA256 of {@code "<timestamp>." + body} with {@code secret}: one {@code v1} value. */
    public static String sign(Secret secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HEX.formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Reads a signed event: its id, type and the object it is about. */
    static WebhookVerification read(byte[] rawBody) {
        JsonNode event;
        try {
            event = JSON.readTree(rawBody);
        } catch (JacksonException e) {
            return rejected(Reason.MALFORMED_PAYLOAD);
        }
        if (event == null || !event.isObject() || !"event".equals(text(event, "object"))) {
            return rejected(Reason.MALFORMED_PAYLOAD);
        }
        String id = key(event, "id");
        String type = text(event, "type");
        JsonNode created = event.get("created");
        JsonNode object = event.path("data").path("object");
        if (id == null || type == null || created == null || !created.canConvertToLong() || !object.isObject()) {
            return rejected(Reason.MALFORMED_PAYLOAD);
        }
        ProcessorWebhook.Kind kind;
        String objectKey;
        switch (type) {
            case "payment.updated" -> {
                kind = ProcessorWebhook.Kind.AUTHORIZATION;
                objectKey = key(object, "payment_key");
            }
            case "refund.updated" -> {
                kind = ProcessorWebhook.Kind.REFUND;
                objectKey = key(object, "refund_key");
            }
            case "dispute.created", "dispute.updated" -> {
                kind = ProcessorWebhook.Kind.DISPUTE;
                objectKey = key(object, "id");
            }
            default -> {
                return rejected(Reason.MALFORMED_PAYLOAD);
            }
        }
        if (objectKey == null) {
            return rejected(Reason.MALFORMED_PAYLOAD);
        }
        return new WebhookVerification.Verified(new ProcessorWebhook(id, type, kind, objectKey, created.asLong()));
    }

    /** {@code t=…} and every {@code v1=…} of the header; null when it has no readable timestamp or no v1. */
    private record SignatureHeader(long timestamp, List<String> signatures) {
        static SignatureHeader parse(String header) {
            Long timestamp = null;
            List<String> signatures = new ArrayList<>();
            for (String part : header.split(",")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = part.substring(0, eq).trim();
                String value = part.substring(eq + 1).trim();
                if (name.equals("t") && value.matches("[0-9]{1,12}")) {
                    timestamp = Long.parseLong(value);
                } else if (name.equals(SCHEME) && !value.isEmpty()) {
                    signatures.add(value);
                }
            }
            return timestamp == null || signatures.isEmpty() ? null : new SignatureHeader(timestamp, signatures);
        }
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    /** A non-blank string field of bounded length, or null. */
    private static String key(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isBlank() || value.length() > MAX_KEY_LENGTH ? null : value;
    }

    private static WebhookVerification rejected(Reason reason) {
        return new WebhookVerification.Rejected(reason);
    }
}

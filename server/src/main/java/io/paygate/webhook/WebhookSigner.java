package io.paygate.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads the way Stripe does, so Stripe's libraries verify Paygate's webhooks:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>}, one {@code v1} per
 * secret that currently signs (two while a rolled secret overlaps the new one).
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static String header(long timestamp, String payload, List<String> secrets) {
        StringBuilder out = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            out.append(",v1=").append(sign(secret, timestamp + "." + payload));
        }
        return out.toString();
    }

    static String sign(String secret, String signedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signedPayload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}

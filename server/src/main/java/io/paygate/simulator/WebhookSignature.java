package io.paygate.simulator;

import io.paygate.connector.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's webhook signature, {@code Simulator-Signature: t=<unix seconds>,v1=<hex>}, one
 * {@code v1} per signing secret: HMAC-SHA256 over {@code "<t>." + body}, as Stripe signs. The
 * simulator stands for a remote processor, so it signs with its own code rather than the connector's.
 */
final class WebhookSignature {

    static final String HEADER = "Simulator-Signature";

    private WebhookSignature() {
    }

    static String header(List<Secret> secrets, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a signature needs at least one secret");
        }
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (Secret secret : secrets) {
            header.append(",v1=").append(hmac(secret, timestamp, body));
        }
        return header.toString();
    }

    private static String hmac(Secret secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

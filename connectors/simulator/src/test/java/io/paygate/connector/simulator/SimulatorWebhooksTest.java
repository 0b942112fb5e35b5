package io.paygate.connector.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.spi.ProcessorWebhook;
import io.paygate.connector.spi.Secret;
import io.paygate.connector.spi.WebhookVerification;
import io.paygate.connector.spi.WebhookVerification.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signatures checked on recorded requests: the bodies under {@code /simulator/webhook_*.json} and the
 * headers below were produced outside this code ({@code openssl dgst -sha256 -hmac}), so signing and
 * checking cannot agree with each other by sharing a mistake.
 */
class SimulatorWebhooksTest {

    private static final Secret ONE = Secret.of("simwhsec_recorded_secret_one");
    private static final Secret TWO = Secret.of("simwhsec_recorded_secret_two");

    private static final long PAYMENT_SIGNED_AT = 1795600901L;
    private static final String PAYMENT_SIGNED_WITH_ONE =
            "t=1795600901,v1=dc0b2c94bbd8721766339d73ef38ec393a38ba0ad595de4b52036e00585a900a";
    private static final String PAYMENT_SIGNED_WITH_BOTH =
            "t=1795600901,v1=dc0b2c94bbd8721766339d73ef38ec393a38ba0ad595de4b52036e00585a900a,"
                    + "v1=9e2486fdc6ddee46dca41f75f1c77900eeeaa055d41943246902a7e085098ac5";
    private static final String REFUND_SIGNED_WITH_TWO =
            "t=1795600906,v1=fda943770cf907fd667445d2ed3fa0ef34784f5c2b514d5fbd05c1fe3fea8047";
    private static final String DISPUTE_SIGNED_WITH_ONE =
            "t=1795600911,v1=7f51df97a63c87f6bf398e36579e78e072c159925fdf0854e6ec3bafa743936b";

    private static byte[] recorded(String name) throws IOException {
        try (InputStream in = SimulatorWebhooksTest.class.getResourceAsStream("/simulator/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, String> signed(String header) {
        return Map.of("Content-Type", "application/json", SimulatorWebhooks.SIGNATURE_HEADER, header);
    }

    @Test
    void aPaymentEventIsAboutTheAuthorizationKey() throws IOException {
        WebhookVerification result = SimulatorWebhooks.verify(ONE, signed(PAYMENT_SIGNED_WITH_ONE),
                recorded("webhook_payment_updated.json"), PAYMENT_SIGNED_AT + 10);

        assertThat(result).isEqualTo(new WebhookVerification.Verified(new ProcessorWebhook(
                "simevt_0mwvyf1k2a7c9d3e5f7g9h1j", "payment.updated", ProcessorWebhook.Kind.AUTHORIZATION,
                "ch_0mwvyeh3z8k2m4n6p8r0t2v4", 1795600900L)));
    }

    @Test
    void aRefundEventIsAboutPaygatesRefundKey() throws IOException {
        WebhookVerification result = SimulatorWebhooks.verify(TWO, signed(REFUND_SIGNED_WITH_TWO),
                recorded("webhook_refund_updated.json"), 1795600906L);

        assertThat(result).isEqualTo(new WebhookVerification.Verified(new ProcessorWebhook(
                "simevt_0mwvyf2b4d6f8h0j2l4n6p8r", "refund.updated", ProcessorWebhook.Kind.REFUND,
                "re_0mwvyeh6q2s4u6w8y0a2c4e6", 1795600905L)));
    }

    @Test
    void aDisputeEventIsAboutTheProcessorsDisputeId() throws IOException {
        WebhookVerification result = SimulatorWebhooks.verify(ONE, signed(DISPUTE_SIGNED_WITH_ONE),
                recorded("webhook_dispute_created.json"), 1795600911L);

        assertThat(result).isInstanceOfSatisfying(WebhookVerification.Verified.class, verified -> {
            assertThat(verified.webhook().kind()).isEqualTo(ProcessorWebhook.Kind.DISPUTE);
            assertThat(verified.webhook().objectKey()).isEqualTo("simdp_0mwvyeh8iely5bnlhdt6mcqs");
            assertThat(verified.webhook().type()).isEqualTo("dispute.created");
        });
    }

    @Test
    void signingAgreesWithTheRecordedSignature() throws IOException {
        assertThat("t=" + PAYMENT_SIGNED_AT + ",v1="
                + SimulatorWebhooks.sign(ONE, PAYMENT_SIGNED_AT, recorded("webhook_payment_updated.json")))
                .isEqualTo(PAYMENT_SIGNED_WITH_ONE);
    }

    @Test
    void duringARotationEitherSecretChecksOut() throws IOException {
        byte[] body = recorded("webhook_payment_updated.json");

        assertThat(SimulatorWebhooks.verify(ONE, signed(PAYMENT_SIGNED_WITH_BOTH), body, PAYMENT_SIGNED_AT))
                .isInstanceOf(WebhookVerification.Verified.class);
        assertThat(SimulatorWebhooks.verify(TWO, signed(PAYMENT_SIGNED_WITH_BOTH), body, PAYMENT_SIGNED_AT))
                .isInstanceOf(WebhookVerification.Verified.class);
        assertThat(SimulatorWebhooks.verify(Secret.of("simwhsec_third"), signed(PAYMENT_SIGNED_WITH_BOTH), body,
                PAYMENT_SIGNED_AT)).isEqualTo(rejected(Reason.BAD_SIGNATURE));
    }

    @Test
    void theHeaderNameIsCaseInsensitive() throws IOException {
        assertThat(SimulatorWebhooks.verify(ONE, Map.of("simulator-signature", PAYMENT_SIGNED_WITH_ONE),
                recorded("webhook_payment_updated.json"), PAYMENT_SIGNED_AT))
                .isInstanceOf(WebhookVerification.Verified.class);
    }

    @Test
    void anAlteredBodyOrAnotherSecretFails() throws IOException {
        byte[] body = recorded("webhook_payment_updated.json");
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("\"captured\"", "\"declined\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(SimulatorWebhooks.verify(ONE, signed(PAYMENT_SIGNED_WITH_ONE), altered, PAYMENT_SIGNED_AT))
                .isEqualTo(rejected(Reason.BAD_SIGNATURE));
        assertThat(SimulatorWebhooks.verify(TWO, signed(PAYMENT_SIGNED_WITH_ONE), body, PAYMENT_SIGNED_AT))
                .isEqualTo(rejected(Reason.BAD_SIGNATURE));
        assertThat(SimulatorWebhooks.verify(ONE, signed("t=" + PAYMENT_SIGNED_AT + ",v1=" + "0".repeat(64)), body,
                PAYMENT_SIGNED_AT)).isEqualTo(rejected(Reason.BAD_SIGNATURE));
        // The signature covers the timestamp: moving it breaks the signature.
        assertThat(SimulatorWebhooks.verify(ONE, signed(PAYMENT_SIGNED_WITH_ONE.replace("t=1795600901", "t=1795600902")),
                body, PAYMENT_SIGNED_AT)).isEqualTo(rejected(Reason.BAD_SIGNATURE));
    }

    @Test
    void aMissingOrUnreadableHeaderFails() throws IOException {
        byte[] body = recorded("webhook_payment_updated.json");

        assertThat(SimulatorWebhooks.verify(ONE, Map.of(), body, PAYMENT_SIGNED_AT))
                .isEqualTo(rejected(Reason.MISSING_SIGNATURE));
        assertThat(SimulatorWebhooks.verify(ONE, signed("v1=dc0b2c94"), body, PAYMENT_SIGNED_AT))
                .isEqualTo(rejected(Reason.BAD_SIGNATURE));
        assertThat(SimulatorWebhooks.verify(ONE, signed("t=" + PAYMENT_SIGNED_AT), body, PAYMENT_SIGNED_AT))
                .isEqualTo(rejected(Reason.BAD_SIGNATURE));
        assertThat(SimulatorWebhooks.verify(ONE, signed("t=yesterday,v1=abc"), body, PAYMENT_SIGNED_AT))
                .isEqualTo(rejected(Reason.BAD_SIGNATURE));
    }

    @Test
    void theTimestampMustBeWithinFiveMinutesEitherWay() throws IOException {
        byte[] body = recorded("webhook_payment_updated.json");
        Map<String, String> headers = signed(PAYMENT_SIGNED_WITH_ONE);

        assertThat(SimulatorWebhooks.verify(ONE, headers, body, PAYMENT_SIGNED_AT + 300))
                .isInstanceOf(WebhookVerification.Verified.class);
        assertThat(SimulatorWebhooks.verify(ONE, headers, body, PAYMENT_SIGNED_AT - 300))
                .isInstanceOf(WebhookVerification.Verified.class);
        assertThat(SimulatorWebhooks.verify(ONE, headers, body, PAYMENT_SIGNED_AT + 301))
                .isEqualTo(rejected(Reason.TIMESTAMP_OUTSIDE_TOLERANCE));
        assertThat(SimulatorWebhooks.verify(ONE, headers, body, PAYMENT_SIGNED_AT - 301))
                .isEqualTo(rejected(Reason.TIMESTAMP_OUTSIDE_TOLERANCE));
    }

    @Test
    void withoutASecretNothingIsAccepted() throws IOException {
        byte[] body = recorded("webhook_payment_updated.json");

        assertThat(SimulatorWebhooks.verify(null, signed(PAYMENT_SIGNED_WITH_ONE), body, PAYMENT_SIGNED_AT))
                .isEqualTo(rejected(Reason.NO_SECRET));
        assertThat(SimulatorWebhooks.verify(Secret.of(""), signed(PAYMENT_SIGNED_WITH_ONE), body, PAYMENT_SIGNED_AT))
                .isEqualTo(rejected(Reason.NO_SECRET));
        assertThat(Reason.TIMESTAMP_OUTSIDE_TOLERANCE.code()).isEqualTo("timestamp_outside_tolerance");
    }

    @Test
    void signedButUnreadableEventsAreMalformed() {
        for (String body : new String[] {
                "not json",
                "[1,2]",
                "{\"id\":\"simevt_1\",\"object\":\"event\",\"type\":\"payment.updated\",\"created\":1,\"data\":{}}",
                "{\"id\":\"simevt_1\",\"object\":\"event\",\"type\":\"payment.updated\",\"created\":1,\"data\":{\"object\":{\"id\":\"simpay_1\"}}}",
                "{\"id\":\"simevt_1\",\"object\":\"event\",\"type\":\"account.updated\",\"created\":1,\"data\":{\"object\":{\"id\":\"x\"}}}",
                "{\"object\":\"event\",\"type\":\"dispute.updated\",\"created\":1,\"data\":{\"object\":{\"id\":\"simdp_1\"}}}",
                "{\"id\":\"simevt_1\",\"object\":\"payment\",\"type\":\"dispute.updated\",\"created\":1,\"data\":{\"object\":{\"id\":\"simdp_1\"}}}",
                "{\"id\":\"" + "x".repeat(256) + "\",\"object\":\"event\",\"type\":\"dispute.updated\",\"created\":1,\"data\":{\"object\":{\"id\":\"simdp_1\"}}}"}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String header = "t=1000,v1=" + SimulatorWebhooks.sign(ONE, 1000, bytes);
            assertThat(SimulatorWebhooks.verify(ONE, signed(header), bytes, 1000)).as(body)
                    .isEqualTo(rejected(Reason.MALFORMED_PAYLOAD));
        }
    }

    private static WebhookVerification rejected(Reason reason) {
        return new WebhookVerification.Rejected(reason);
    }
}

package io.paygate.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.simulator.SimulatorConnector;
import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.CancelRequest;
import io.paygate.connector.spi.CaptureRequest;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.Instrument;
import io.paygate.connector.spi.LookupRequest;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.connector.spi.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator answers exactly what Paygate's simulator connector expects, through that connector. */
class SimulatorConnectorContractIT extends SimulatorServerTest {

    private static final RequestTrace TRACE = new RequestTrace(Map.of("X-Correlation-Id", "contract-test"));

    private SimulatorConnector connector() {
        return new SimulatorConnector(() -> URI.create("http://127.0.0.1:" + port + "/simulator"), Duration.ofSeconds(10));
    }

    private ConnectorAccount account(Map<String, String> settings) {
        return new ConnectorAccount(sim.account, SimulatorConnector.TYPE, false, settings,
                Map.of("api_key", Secret.of("sk_sim_test")));
    }

    private ProcessorOutcome authorize(String key, ConnectorAccount account, Instrument instrument, boolean capture) {
        return connector().authorize(new AuthorizeRequest(key, account, Money.of(1999, "usd"), capture, instrument,
                reference(), "http://127.0.0.1:9/return", TRACE));
    }

    private static Instrument card(String number) {
        return new Instrument.Card(Secret.of(number), 12, 2040, Secret.of("123"), "Jenny Rosen");
    }

    @Test
    void authorizesCapturesAndLooksUp() {
        ConnectorAccount account = account(Map.of());
        String key = key();

        ProcessorOutcome authorized = authorize(key, account, card("4242424242424242"), false);
        ProcessorOutcome captured = connector().capture(new CaptureRequest(key(), account, key, null,
                Money.of(1500, "usd"), TRACE));
        ProcessorOutcome lookedUp = connector().lookup(new LookupRequest(account, key, TRACE));

        assertThat(authorized).isInstanceOfSatisfying(ProcessorOutcome.Approved.class, a -> {
            assertThat(a.reference()).startsWith("simpay_");
            assertThat(a.authorizedMinor()).isEqualTo(1999);
            assertThat(a.capturedMinor()).isZero();
        });
        assertThat(captured).isInstanceOfSatisfying(ProcessorOutcome.Approved.class,
                a -> assertThat(a.capturedMinor()).isEqualTo(1500));
        assertThat(lookedUp).isInstanceOfSatisfying(ProcessorOutcome.Approved.class,
                a -> assertThat(a.capturedMinor()).isEqualTo(1500));
    }

    @Test
    void mapsDeclinesChallengesAndPendingPayments() {
        ConnectorAccount account = account(Map.of("async_delay_ms", "60000"));

        assertThat(authorize(key(), account, card("4000000000009995"), true))
                .isInstanceOfSatisfying(ProcessorOutcome.Declined.class, d -> {
                    assertThat(d.code()).isEqualTo("card_declined");
                    assertThat(d.declineCode()).isEqualTo("insufficient_funds");
                });
        assertThat(authorize(key(), account, card("4000000000003220"), true))
                .isInstanceOfSatisfying(ProcessorOutcome.ActionRequired.class, a -> assertThat(a.redirectUrl())
                        .hasToString("http://127.0.0.1:" + port + "/simulator/3ds/" + a.reference()));
        assertThat(authorize(key(), account, new Instrument.Upi("success@upi"), true))
                .isInstanceOf(ProcessorOutcome.Pending.class);
        assertThat(authorize(key(), account, new Instrument.NetBanking("hdfc_success"), true))
                .isInstanceOf(ProcessorOutcome.ActionRequired.class);
    }

    @Test
    void aCancelBeforeTheAuthorizationArrivesMeansItNeverCharges() {
        ConnectorAccount account = account(Map.of());
        String key = key();

        ProcessorOutcome canceled = connector().cancel(new CancelRequest(key(), account, key, null, TRACE));
        ProcessorOutcome late = authorize(key, account, card("4242424242424242"), true);
        ProcessorOutcome capture = connector().capture(new CaptureRequest(key(), account, key, null,
                Money.of(1999, "usd"), TRACE));

        assertThat(canceled).isInstanceOf(ProcessorOutcome.Voided.class);
        assertThat(late).isInstanceOf(ProcessorOutcome.Voided.class);
        assertThat(capture).isInstanceOfSatisfying(ProcessorOutcome.Declined.class,
                d -> assertThat(d.code()).isEqualTo("payment_voided"));
    }

    @Test
    void unknownKeysAndSimulatedFailures() {
        assertThat(connector().lookup(new LookupRequest(account(Map.of()), key(), TRACE)))
                .isInstanceOf(ProcessorOutcome.NotFound.class);
        assertThat(authorize(key(), account(Map.of("error_rate", "1")), card("4242424242424242"), true))
                .isInstanceOf(ProcessorOutcome.Unknown.class);
        assertThat(authorize(key(), account(Map.of("charged_then_timeout_rate", "1", "hang_ms", "2000",
                "timeout_ms", "300")), card("4242424242424242"), true))
                .isInstanceOf(ProcessorOutcome.Unknown.class);
    }
}

package io.paygate.connector.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.spi.AuthorizeRequest;
import io.paygate.connector.spi.ConnectorAccount;
import io.paygate.connector.spi.Instrument;
import io.paygate.connector.spi.Money;
import io.paygate.connector.spi.ProcessorOutcome;
import io.paygate.connector.spi.RequestTrace;
import io.paygate.connector.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulatorMapperTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode recorded(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/simulator/" + name)) {
            return json.readTree(in);
        }
    }

    @Test
    void capturedPaymentIsApprovedWithTheCapturedAmount() throws IOException {
        ProcessorOutcome outcome = SimulatorMapper.outcome(recorded("captured.json"));
        assertThat(outcome).isEqualTo(new ProcessorOutcome.Approved("simpay_0mf1a2b3c4d5e6f7g8h9", 1999, 1999));
    }

    @Test
    void declineCarriesCodeAndDeclineCode() throws IOException {
        ProcessorOutcome outcome = SimulatorMapper.outcome(recorded("declined.json"));
        assertThat(outcome).isInstanceOfSatisfying(ProcessorOutcome.Declined.class, d -> {
            assertThat(d.code()).isEqualTo("card_declined");
            assertThat(d.declineCode()).isEqualTo("insufficient_funds");
            assertThat(d.reference()).isEqualTo("simpay_0mf1a2b3c4d5e6f7g8ha");
        });
    }

    @Test
    void challengeIsARedirect() throws IOException {
        ProcessorOutcome outcome = SimulatorMapper.outcome(recorded("requires_action.json"));
        assertThat(outcome).isInstanceOfSatisfying(ProcessorOutcome.ActionRequired.class,
                a -> assertThat(a.redirectUrl().getPath()).isEqualTo("/simulator/3ds/simpay_0mf1a2b3c4d5e6f7g8hb"));
    }

    @Test
    void serverErrorsAndConflictsSayNothingAboutTheMoney() {
        assertThat(SimulatorMapper.errorOutcome(500, null)).isInstanceOf(ProcessorOutcome.Unknown.class);
        assertThat(SimulatorMapper.errorOutcome(409, json.readTree("{\"error\":{\"code\":\"in_progress\"}}")))
                .isInstanceOf(ProcessorOutcome.Unknown.class);
        assertThat(SimulatorMapper.errorOutcome(404, json.readTree("{\"error\":{\"code\":\"resource_missing\"}}")))
                .isInstanceOf(ProcessorOutcome.NotFound.class);
        assertThat(SimulatorMapper.errorOutcome(400, json.readTree("{\"error\":{\"code\":\"amount_too_large\",\"message\":\"too large\"}}")))
                .isInstanceOf(ProcessorOutcome.Declined.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void requestCarriesTheCardAndTheAccountsSimulationSettings() {
        ConnectorAccount account = new ConnectorAccount("ca_1", "simulator", false,
                Map.of("latency_ms", "200", "base_url", "http://x"), Map.of());
        AuthorizeRequest request = new AuthorizeRequest("ch_1", account, Money.of(1999, "usd"), true,
                new Instrument.Card(Secret.of("4242424242424242"), 12, 2034, Secret.of("123"), null),
                "pi_1", "https://shop.example/return", RequestTrace.NONE);
        Map<String, Object> body = SimulatorMapper.paymentBody(request);
        assertThat(body).containsEntry("amount", 1999L).containsEntry("currency", "usd").containsEntry("capture", true);
        assertThat((Map<String, Object>) body.get("simulation")).containsOnlyKeys("latency_ms");
        assertThat((Map<String, Object>) body.get("instrument")).containsEntry("type", "card").containsEntry("exp_month", 12);
    }
}

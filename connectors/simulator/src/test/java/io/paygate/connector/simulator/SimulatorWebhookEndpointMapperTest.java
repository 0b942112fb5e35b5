package io.paygate.connector.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.connector.spi.WebhookEndpointRegistration;
import java.net.URI;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SimulatorWebhookEndpointMapperTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRegistrationAnswersTheSecret() {
        WebhookEndpointRegistration result = SimulatorMapper.webhookEndpointRegistration(200, json.readTree(
                "{\"object\":\"simulator.webhook_endpoint\",\"url\":\"http://127.0.0.1:8080/v1/webhooks/ca_1\","
                        + "\"secret\":\"simwhsec_abc\",\"created\":1795600900}"));

        assertThat(result).isInstanceOfSatisfying(WebhookEndpointRegistration.Registered.class,
                registered -> assertThat(registered.secret().reveal()).isEqualTo("simwhsec_abc"));
        assertThat(result.toString()).doesNotContain("simwhsec_abc");
    }

    @Test
    void refusalsAndSilenceAreTold() {
        assertThat(SimulatorMapper.webhookEndpointRegistration(400, json.readTree(
                "{\"error\":{\"code\":\"invalid_request\",\"message\":\"url must be http or https.\"}}")))
                .isEqualTo(new WebhookEndpointRegistration.Refused("invalid_request", "url must be http or https."));
        assertThat(SimulatorMapper.webhookEndpointRegistration(503, null))
                .isInstanceOf(WebhookEndpointRegistration.Unknown.class);
        assertThat(SimulatorMapper.webhookEndpointRegistration(200, json.readTree("{\"url\":\"http://x\"}")))
                .isInstanceOf(WebhookEndpointRegistration.Unknown.class);
    }

    @Test
    void theRegistrationKeyIsTheSameForTheSameAccountAndUrl() {
        URI url = URI.create("http://127.0.0.1:8080/v1/webhooks/ca_1");

        assertThat(SimulatorMapper.registrationKey("ca_1", url)).isEqualTo(SimulatorMapper.registrationKey("ca_1", url))
                .startsWith("whep_").hasSize(37);
        assertThat(SimulatorMapper.registrationKey("ca_1", URI.create("http://127.0.0.1:9090/v1/webhooks/ca_1")))
                .isNotEqualTo(SimulatorMapper.registrationKey("ca_1", url));
        assertThat(SimulatorMapper.registrationKey("ca_2", url)).isNotEqualTo(SimulatorMapper.registrationKey("ca_1", url));
    }
}

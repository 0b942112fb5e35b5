package io.paygate.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binding from environment variables as an operator sets them, and the producer configuration they make. */
class KafkaSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"paygate\" password=\"hunter2-secret\";";

    @Test
    void offByDefault() {
        KafkaSettings settings = bind(Map.of());
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.topic()).isEqualTo("paygate.events");
        assertThat(settings.interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.batchSize()).isEqualTo(200);
        assertThat(settings.properties()).isEmpty();
    }

    @Test
    void environmentVariablesBindTheUsualWay() {
        KafkaSettings settings = bind(secureEnvironment());
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(settings.topic()).isEqualTo("payments.events");
        assertThat(settings.clientId()).isEqualTo("paygate-eu-1");
        assertThat(settings.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(settings.saslJaasConfig().reveal()).isEqualTo(JAAS);
        assertThat(settings.sslTruststorePassword().reveal()).isEqualTo("truststore-secret");
        assertThat(settings.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.properties()).containsEntry("linger.ms", "20");

        Map<String, Object> producer = settings.producerProperties();
        assertThat(producer).containsEntry("bootstrap.servers", "kafka-1:9093,kafka-2:9093")
                .containsEntry("client.id", "paygate-eu-1")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", "/etc/paygate/truststore.p12")
                .containsEntry("ssl.truststore.password", "truststore-secret")
                .containsEntry("linger.ms", "20")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("delivery.timeout.ms", 30_000)
                .doesNotContainKey("ssl.keystore.location");
    }

    @Test
    void secretsNeverShowInTheSettingsDescription() {
        Map<String, String> env = secureEnvironment();
        env.put("PAYGATE_KAFKA_PROPERTIES_SSL_KEY_PASSWORD", "key-secret");
        String described = bind(env).toString();
        assertThat(described).contains("kafka-1:9093", "SASL_SSL", "ssl.key.password")
                .doesNotContain("hunter2-secret", "truststore-secret", "key-secret");
    }

    @Test
    void theDeliveryGuaranteeCannotBeWeakened() {
        Map<String, String> env = secureEnvironment();
        env.put("PAYGATE_KAFKA_PROPERTIES_ACKS", "1");
        assertThatThrownBy(() -> bind(env)).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("paygate.kafka.properties.acks");
    }

    @Test
    void enablingRequiresBrokers() {
        assertThatThrownBy(() -> bind(Map.of("PAYGATE_KAFKA_ENABLED", "true"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("paygate.kafka.bootstrap-servers");
    }

    private static Map<String, String> secureEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PAYGATE_KAFKA_ENABLED", "true");
        env.put("PAYGATE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9093,kafka-2:9093");
        env.put("PAYGATE_KAFKA_TOPIC", "payments.events");
        env.put("PAYGATE_KAFKA_CLIENT_ID", "paygate-eu-1");
        env.put("PAYGATE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("PAYGATE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("PAYGATE_KAFKA_SASL_JAAS_CONFIG", JAAS);
        env.put("PAYGATE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/paygate/truststore.p12");
        env.put("PAYGATE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "truststore-secret");
        env.put("PAYGATE_KAFKA_INTERVAL", "500ms");
        env.put("PAYGATE_KAFKA_PROPERTIES_LINGER_MS", "20");
        return env;
    }

    private static KafkaSettings bind(Map<String, String> env) {
        Map<String, Object> source = new HashMap<>(env);
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source)));
        return binder.bindOrCreate("paygate.kafka", KafkaSettings.class);
    }
}

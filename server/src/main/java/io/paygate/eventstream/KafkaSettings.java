package io.paygate.eventstream;

import io.paygate.connector.spi.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publication of every event to a Kafka topic. Off unless {@code enabled}; Paygate builds its own
 * producer from these settings (Spring's {@code spring.kafka.*} settings play no part). Environment
 * variables bind the usual way: {@code PAYGATE_KAFKA_ENABLED}, {@code PAYGATE_KAFKA_BOOTSTRAP_SERVERS},
 * {@code PAYGATE_KAFKA_SASL_JAAS_CONFIG}, {@code PAYGATE_KAFKA_PROPERTIES_LINGER_MS} (→ {@code linger.ms}).
 *
 * @param enabled          write publication rows and run the publisher
 * @param bootstrapServers the brokers, {@code host:port[,host:port…]}; required when enabled
 * @param topic            the topic every event goes to (Paygate does not create it)
 * @param clientId         the producer's {@code client.id}
 * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (Kafka's default when unset)
 * @param properties       any other producer setting, by its Kafka name; the named settings above win,
 *                         and the delivery guarantees (acks=all, idempotence, serializers) cannot be changed
 * @param interval         how often the publisher looks for pending publications
 * @param batchSize        how many publications one round claims
 * @param sendTimeout      how long one send may take before it counts as failed (Kafka's delivery timeout)
 */
@ConfigurationProperties("paygate.kafka")
public record KafkaSettings(@DefaultValue("false") boolean enabled, String bootstrapServers,
                            @DefaultValue("paygate.events") String topic, @DefaultValue("paygate") String clientId,
                            String securityProtocol, String saslMechanism, Secret saslJaasConfig,
                            String sslTruststoreLocation, Secret sslTruststorePassword,
                            String sslKeystoreLocation, Secret sslKeystorePassword,
                            Map<String, String> properties, @DefaultValue("PT0.2S") Duration interval,
                            @DefaultValue("200") int batchSize, @DefaultValue("PT30S") Duration sendTimeout) {

    /** Settings that carry Paygate's delivery guarantee; an override would silently weaken it. */
    private static final Set<String> FIXED = Set.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    public KafkaSettings {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (enabled) {
            require(bootstrapServers != null && !bootstrapServers.isBlank(),
                    "paygate.kafka.bootstrap-servers is required when paygate.kafka.enabled=true");
            require(topic != null && !topic.isBlank(), "paygate.kafka.topic must not be blank");
            require(batchSize >= 1 && batchSize <= 10_000, "paygate.kafka.batch-size must be between 1 and 10000");
            require(interval.isPositive(), "paygate.kafka.interval must be positive");
            require(sendTimeout.compareTo(Duration.ofSeconds(2)) >= 0, "paygate.kafka.send-timeout must be at least 2 seconds");
            for (String key : properties.keySet()) {
                require(!FIXED.contains(key), "paygate.kafka.properties." + key + " cannot be set: Paygate publishes with "
                        + "acks=all, an idempotent producer and string serializers");
            }
        }
    }

    /** The producer's configuration: timeouts from {@code sendTimeout}, then {@code properties}, then the named settings. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> out = new LinkedHashMap<>();
        long timeoutMs = sendTimeout.toMillis();
        out.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        out.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeoutMs / 3));
        // send() blocks this long when the brokers are unreachable (no metadata yet).
        out.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, timeoutMs / 3));
        out.putAll(properties);
        out.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        out.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        putIfSet(out, CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        putIfSet(out, SaslConfigs.SASL_MECHANISM, saslMechanism);
        putIfSet(out, SaslConfigs.SASL_JAAS_CONFIG, saslJaasConfig);
        putIfSet(out, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, sslTruststoreLocation);
        putIfSet(out, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, sslTruststorePassword);
        putIfSet(out, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, sslKeystoreLocation);
        putIfSet(out, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, sslKeystorePassword);
        out.put(ProducerConfig.ACKS_CONFIG, "all");
        out.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        out.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        out.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.put(key, value);
        }
    }

    private static void putIfSet(Map<String, Object> out, String key, Secret value) {
        if (value != null && !value.isEmpty()) {
            out.put(key, value.reveal());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Secrets are masked by {@link Secret}; the free-form properties may hold secrets too, so only their names show. */
    @Override
    public String toString() {
        return "KafkaSettings[enabled=" + enabled + ", bootstrapServers=" + bootstrapServers + ", topic=" + topic
                + ", clientId=" + clientId + ", securityProtocol=" + securityProtocol + ", saslMechanism=" + saslMechanism
                + ", saslJaasConfig=" + saslJaasConfig + ", sslTruststoreLocation=" + sslTruststoreLocation
                + ", sslTruststorePassword=" + sslTruststorePassword + ", sslKeystoreLocation=" + sslKeystoreLocation
                + ", sslKeystorePassword=" + sslKeystorePassword + ", properties=" + properties.keySet()
                + ", interval=" + interval + ", batchSize=" + batchSize + ", sendTimeout=" + sendTimeout + "]";
    }
}

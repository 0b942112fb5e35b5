package io.paygate.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildTimeBeansTest {

    @TempDir
    Path workingDir;

    private static Properties system(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void valuesThatOnlyFillExistingBeansKeepThePreparedDefinitions() {
        Properties system = system("spring.aot.enabled", "true", "spring.datasource.url", "jdbc:postgresql://db/paygate",
                "spring.datasource.username", "paygate", "spring.datasource.hikari.maximum-pool-size", "40",
                "server.port", "9090", "paygate.data-dir", "/var/lib/paygate", "paygate.webhooks.poll-interval", "PT1S",
                "java.home", "/usr/lib/jvm", "spring.aot.processing", "true");
        Map<String, String> env = Map.of("PAYGATE_DATABASE_URL", "postgresql://db/paygate", "PAYGATE_ADMIN_TOKEN", "x",
                "SPRING_DATASOURCE_PASSWORD", "secret", "PATH", "/usr/bin", "HOME", "/root");
        String[] args = {"--server.port=9090", "--paygate.demo.enabled=false"};

        assertThat(BuildTimeBeans.conflict(env, system, args, workingDir)).isEmpty();
    }

    @Test
    void aSwitchInAnySourceMakesTheDefinitionsAtStartUp() {
        assertThat(BuildTimeBeans.conflict(Map.of(), system("paygate.kafka.enabled", "true"), new String[0], workingDir))
                .contains("the system property paygate.kafka.enabled");
        assertThat(BuildTimeBeans.conflict(Map.of("PAYGATE_KAFKA_ENABLED", "true"), system(), new String[0], workingDir))
                .contains("the environment variable PAYGATE_KAFKA_ENABLED");
        assertThat(BuildTimeBeans.conflict(Map.of("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://otel:4318"),
                system(), new String[0], workingDir)).isPresent();
        assertThat(BuildTimeBeans.conflict(Map.of("SPRING_PROFILES_ACTIVE", "prod"), system(), new String[0], workingDir))
                .isPresent();
        assertThat(BuildTimeBeans.conflict(Map.of(), system(), new String[] {"--paygate.diagnostics.sql-capture=true"},
                workingDir)).contains("the argument --paygate.diagnostics.sql-capture");
        assertThat(BuildTimeBeans.conflict(Map.of(), system("server.forward-headers-strategy", "framework"),
                new String[0], workingDir)).isPresent();
        assertThat(BuildTimeBeans.conflict(Map.of(), system("springdoc.api-docs.enabled", "false"), new String[0],
                workingDir)).isPresent();
    }

    @Test
    void anExternalApplicationFileMakesTheDefinitionsAtStartUp() throws Exception {
        Files.writeString(workingDir.resolve("notes.properties"), "a=b");
        assertThat(BuildTimeBeans.conflict(Map.of(), system(), new String[0], workingDir)).isEmpty();

        Path nested = Files.createDirectories(workingDir.resolve("config").resolve("prod"));
        Files.writeString(nested.resolve("application.yml"), "paygate:\n  kafka:\n    enabled: true\n");
        assertThat(BuildTimeBeans.conflict(Map.of(), system(), new String[0], workingDir))
                .hasValueSatisfying(reason -> assertThat(reason).contains("application.yml"));

        Files.writeString(workingDir.resolve("application.properties"), "paygate.kafka.enabled=true");
        assertThat(BuildTimeBeans.conflict(Map.of(), system(), new String[0], workingDir))
                .hasValueSatisfying(reason -> assertThat(reason).endsWith("application.properties"));
    }
}

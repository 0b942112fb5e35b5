package io.paygate.connector;

import io.paygate.connector.simulator.SimulatorConnector;
import io.paygate.connector.spi.Connector;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConnectorsConfig {

    /**
     * The simulator connector. Unless {@code paygate.simulator.base-url} names another host, it
     * calls the simulator processor that this server hosts under {@code /simulator}, over HTTP.
     */
    @Bean
    Connector simulatorConnector(@Value("${paygate.simulator.base-url:}") String baseUrl,
                                 @Value("${paygate.simulator.timeout:PT30S}") Duration timeout, ApplicationContext context) {
        return new SimulatorConnector(() -> {
            if (!baseUrl.isBlank()) {
                return URI.create(baseUrl);
            }
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return URI.create("http://127.0.0.1:" + port + "/simulator");
        }, timeout);
    }
}

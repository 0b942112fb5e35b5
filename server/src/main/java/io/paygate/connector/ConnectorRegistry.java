package io.paygate.connector;

import io.paygate.connector.spi.Connector;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The connectors this server can talk to, by type. */
@Component
public class ConnectorRegistry {

    private final Map<String, Connector> byType;

    ConnectorRegistry(List<Connector> connectors) {
        this.byType = connectors.stream().collect(Collectors.toUnmodifiableMap(Connector::type, Function.identity()));
    }

    public Connector get(String type) {
        Connector connector = byType.get(type);
        if (connector == null) {
            throw new IllegalStateException("no connector of type " + type + " is installed");
        }
        return connector;
    }

    public boolean supports(String type) {
        return byType.containsKey(type);
    }
}

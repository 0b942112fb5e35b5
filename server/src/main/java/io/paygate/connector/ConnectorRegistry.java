package io.paygate.connector;

import io.paygate.connector.spi.Connector;
import io.paygate.platform.web.ProcessorTime;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The connectors this server can talk to, by type. Each is handed out behind a thin wrapper that
 * adds the time of every call to the processor to the current request's {@link ProcessorTime}.
 */
@Component
public class ConnectorRegistry {

    /** Connector methods that compute locally and never reach the processor. */
    private static final Set<String> LOCAL = Set.of("type", "verifyWebhook");

    private final Map<String, Connector> byType;

    ConnectorRegistry(List<Connector> connectors) {
        this.byType = connectors.stream().collect(Collectors.toUnmodifiableMap(Connector::type, ConnectorRegistry::timed));
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

    private static Connector timed(Connector connector) {
        return (Connector) Proxy.newProxyInstance(Connector.class.getClassLoader(), new Class<?>[] {Connector.class},
                (proxy, method, args) -> {
                    boolean remote = method.getDeclaringClass() != Object.class && !LOCAL.contains(method.getName());
                    long started = System.nanoTime();
                    try {
                        return method.invoke(connector, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (remote) {
                            ProcessorTime.add(System.nanoTime() - started);
                        }
                    }
                });
    }
}

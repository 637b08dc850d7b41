package vn.lgsp.hub.connector;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.connector.spi.ConnectorFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The installed connectors, by type. Every {@link ConnectorFactory} bean is picked up, so a new
 * connector needs no change here or in routing; two factories claiming one type fail the start.
 */
@ApplicationScoped
public class Connectors {

    private final Map<String, ConnectorFactory> byType = new TreeMap<>();

    Connectors(@All List<ConnectorFactory> factories) {
        for (ConnectorFactory factory : factories) {
            ConnectorFactory previous = byType.put(factory.type(), factory);
            if (previous != null) {
                throw new IllegalStateException("two connectors claim type '" + factory.type() + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
    }

    public Optional<ConnectorFactory> factory(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return byType.keySet();
    }
}

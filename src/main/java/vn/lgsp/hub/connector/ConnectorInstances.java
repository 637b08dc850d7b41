package vn.lgsp.hub.connector;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorContext;
import vn.lgsp.hub.connector.spi.Egress;
import vn.lgsp.hub.connector.spi.EndpointSettings;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one live connector per endpoint (with its connection pool) for as long as the endpoint's
 * settings are unchanged. A replaced connector is closed after a drain time, so exchanges it
 * started can finish, as the SPI promises.
 */
@ApplicationScoped
public class ConnectorInstances {

    private static final Logger LOG = Logger.getLogger(ConnectorInstances.class);

    private record Live(int version, Connector connector) {
    }

    @Inject
    Egress egress;
    @Inject
    Connectors connectors;
    @Inject
    Vertx vertx;
    @Inject
    InstanceName instance;

    private final Map<String, Live> byEndpoint = new ConcurrentHashMap<>();

    /** The connector for this endpoint at this settings version, created on first use. */
    public Connector get(EndpointSettings settings, int version, Duration drainTime) {
        Live live = byEndpoint.compute(settings.id(), (id, existing) -> {
            if (existing != null && existing.version() >= version) {
                return existing;
            }
            Connector created = connectors.factory(settings.connectorType())
                    .orElseThrow(() -> new IllegalStateException("connector type " + settings.connectorType() + " is no longer installed"))
                    .create(settings, context());
            if (existing != null) {
                vertx.setTimer(Math.max(1, drainTime.toMillis()), t -> closeQuietly(existing.connector()));
            }
            return new Live(version, created);
        });
        return live.connector();
    }

    private ConnectorContext context() {
        return new ConnectorContext() {
            @Override
            public Vertx vertx() {
                return vertx;
            }

            @Override
            public Egress egress() {
                return egress;
            }

            @Override
            public String hubInstance() {
                return instance.value();
            }
        };
    }

    void stop(@Observes ShutdownEvent event) {
        byEndpoint.values().forEach(live -> closeQuietly(live.connector()));
        byEndpoint.clear();
    }

    private static void closeQuietly(Connector connector) {
        try {
            connector.close();
        } catch (RuntimeException e) {
            LOG.warnf("closing a connector failed: %s", e.getMessage());
        }
    }
}

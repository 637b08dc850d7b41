package vn.lgsp.hub.connector.spi;

import java.util.List;

/**
 * Makes {@link Connector}s for one connector type. Implementations are CDI beans
 * ({@code @ApplicationScoped}); the hub finds them itself, so adding a connector never touches
 * routing code. Lifecycle and threading rules are in the package documentation.
 */
public interface ConnectorFactory {

    /** The connector type endpoints name to use this factory, e.g. {@code "http"}: lowercase, stable. */
    String type();

    /**
     * Checks an endpoint's settings before they are stored. Returns one problem per offending
     * field (empty when the settings are usable); never throws for bad input.
     */
    default List<SettingProblem> validate(EndpointSettings settings) {
        return List.of();
    }

    /** Creates the connector for one endpoint. Called once per endpoint and settings version. */
    Connector create(EndpointSettings settings, ConnectorContext context);
}

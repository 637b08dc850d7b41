package vn.lgsp.hub.testing.stub;

import io.vertx.core.Vertx;
import vn.lgsp.hub.connector.spi.ConnectorContext;

/** The context a connector gets from the hub, minus the hub. */
public record TestConnectorContext(Vertx vertx) implements ConnectorContext {

    @Override
    public String hubInstance() {
        return "test-hub";
    }
}

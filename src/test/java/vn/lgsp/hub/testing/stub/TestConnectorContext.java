package vn.lgsp.hub.testing.stub;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import vn.lgsp.hub.connector.spi.ConnectorContext;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.Egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The context a connector gets from the hub, minus the hub: an egress that resolves and refuses nothing. */
public record TestConnectorContext(Vertx vertx) implements ConnectorContext {

    @Override
    public String hubInstance() {
        return "test-hub";
    }

    @Override
    public Egress egress() {
        return (host, port) -> {
            Promise<InetAddress> resolved = Promise.promise();
            ((VertxInternal) vertx).resolveAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, resolved);
            return resolved.future().transform(ar -> ar.succeeded() ? Future.succeededFuture(new InetSocketAddress(ar.result(), port))
                    : Future.failedFuture(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED, "does not resolve")));
        };
    }
}

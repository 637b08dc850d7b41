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
import java.util.function.Predicate;

/**
 * The context a connector gets from the hub, minus the hub: by default an egress that resolves
 * and refuses nothing; {@link #refusing} one that refuses some {@code host:port}s as the policy would.
 */
public record TestConnectorContext(Vertx vertx, Predicate<String> refused) implements ConnectorContext {

    public TestConnectorContext(Vertx vertx) {
        this(vertx, address -> false);
    }

    /** Refuses {@code host:port} (as given to the egress, before resolving) where {@code refused} says so. */
    public static TestConnectorContext refusing(Vertx vertx, Predicate<String> refused) {
        return new TestConnectorContext(vertx, refused);
    }

    @Override
    public String hubInstance() {
        return "test-hub";
    }

    @Override
    public Egress egress() {
        return (host, port) -> {
            if (refused.test(host + ":" + port)) {
                return Future.failedFuture(new ConnectorException(ConnectorException.Kind.EGRESS_REFUSED, "egress refused (test policy)"));
            }
            Promise<InetAddress> resolved = Promise.promise();
            ((VertxInternal) vertx).resolveAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, resolved);
            return resolved.future().transform(ar -> ar.succeeded() ? Future.succeededFuture(new InetSocketAddress(ar.result(), port))
                    : Future.failedFuture(new ConnectorException(ConnectorException.Kind.CONNECT_FAILED, "does not resolve")));
        };
    }
}

package vn.lgsp.hub.connector.spi;

import io.vertx.core.Future;

import java.net.InetSocketAddress;

/**
 * Where a connector may open connections: the operator's egress policy, applied to the address a
 * name resolves to at connect time. A connector resolves through this, then connects to exactly
 * the address it was given (never resolving the name again), so a name that resolves elsewhere
 * later, or differently for the hub than for the owner who registered it, cannot slip past.
 *
 * <p>Thread-safe; never blocks; the future may complete on another thread.
 */
public interface Egress {

    /**
     * The address to connect to for {@code host}:{@code port}. Fails with a
     * {@link ConnectorException} of kind {@link ConnectorException.Kind#EGRESS_REFUSED} when the
     * policy refuses it, or {@link ConnectorException.Kind#CONNECT_FAILED} when the name does not
     * resolve.
     */
    Future<InetSocketAddress> resolve(String host, int port);
}

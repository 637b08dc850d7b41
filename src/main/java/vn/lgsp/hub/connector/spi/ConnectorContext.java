package vn.lgsp.hub.connector.spi;

import io.vertx.core.Vertx;

/** What the hub lends a connector: the shared Vert.x instance for I/O and timers, and the egress policy. */
public interface ConnectorContext {

    Vertx vertx();

    /** Resolve every address through this before connecting to it. */
    Egress egress();

    /** The name of this hub instance, for connectors that tag their own traffic. */
    String hubInstance();
}

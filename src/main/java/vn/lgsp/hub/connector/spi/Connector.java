package vn.lgsp.hub.connector.spi;

import io.vertx.core.Future;

/**
 * Carries exchanges to one provider endpoint. Thread-safe, never blocks the calling event loop;
 * see the package documentation for the lifecycle.
 */
public interface Connector extends AutoCloseable {

    /**
     * Sends one request to the endpoint and completes with the provider's answer (any status), or
     * fails with {@link ConnectorException} when no answer could be had. The response body is
     * handed back as a stream the hub reads and may abort; the connector must not buffer it
     * whole unless its protocol forces it (conversion between formats). Input the connector
     * refuses (a path that would leave the endpoint's base, an envelope over its limit) fails the
     * future with {@link IllegalArgumentException} before any I/O; it never throws.
     */
    Future<ConnectorResponse> exchange(ConnectorRequest request);

    /**
     * A cheap liveness check of the endpoint (HTTP GET on a health path, a SOAP operation, a
     * metadata call). Probes are not data-sharing transactions. The default reports that the
     * connector cannot probe.
     */
    default Future<ProbeResult> probe(ProbeRequest request) {
        return Future.succeededFuture(ProbeResult.unsupported());
    }

    /** Releases pools and timers. Called once; in-flight exchanges may still complete. */
    @Override
    void close();
}

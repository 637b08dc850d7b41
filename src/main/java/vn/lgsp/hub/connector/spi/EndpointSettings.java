package vn.lgsp.hub.connector.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A provider endpoint as registered by its owner, with the credentials the hub uses to reach it.
 *
 * @param id             the endpoint's stable id in the registry
 * @param connectorType  the type that selected this connector
 * @param address        base address; requests are resolved strictly below it
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for the whole answer to start (time to first byte)
 * @param tls            trust and client-certificate settings
 * @param auth           how the hub authenticates to the provider
 * @param options        connector-specific settings (documented in each connector's README)
 */
public record EndpointSettings(
        String id,
        String connectorType,
        URI address,
        Duration connectTimeout,
        Duration requestTimeout,
        TlsSettings tls,
        UpstreamAuth auth,
        Map<String, String> options) {

    public EndpointSettings {
        options = options == null ? Map.of() : Map.copyOf(options);
        tls = tls == null ? TlsSettings.DEFAULT : tls;
        auth = auth == null ? UpstreamAuth.NONE : auth;
    }
}

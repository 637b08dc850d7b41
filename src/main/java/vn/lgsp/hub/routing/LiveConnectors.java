package vn.lgsp.hub.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.ConnectorInstances;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.exchange.SharingConfig;
import vn.lgsp.hub.registry.CredentialCipher;
import vn.lgsp.hub.registry.EndpointRecord;

/**
 * The one place that turns a stored endpoint into the live connector that reaches it (routing,
 * pushes, probes): credentials decrypted, one connector per endpoint and settings version, a
 * replaced one closed after {@code lgsp.sharing.connector-drain-time}.
 */
@ApplicationScoped
public class LiveConnectors {

    @Inject
    CredentialCipher cipher;
    @Inject
    ConnectorInstances instances;
    @Inject
    SharingConfig config;

    /** The endpoint's connector as registered now; fails if its type is no longer installed or its secret cannot be read. */
    public Connector of(EndpointRecord record) {
        return instances.get(cipher.settings(record), record.endpoint().version(), config.connectorDrainTime());
    }
}

package vn.lgsp.hub.connectors.http;

import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorContext;
import vn.lgsp.hub.connector.spi.ConnectorFactory;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.SettingProblem;
import vn.lgsp.hub.connector.support.http.HttpEndpointSettingsCheck;
import vn.lgsp.hub.connector.support.http.UpstreamHttpClient;

import java.util.List;

/** Connector type {@code http}: plain HTTP/HTTPS pass-through to REST providers. */
@ApplicationScoped
public class HttpConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "http";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<SettingProblem> validate(EndpointSettings settings) {
        return HttpEndpointSettingsCheck.problems(settings);
    }

    @Override
    public Connector create(EndpointSettings settings, ConnectorContext context) {
        return new HttpConnector(UpstreamHttpClient.create(settings, context));
    }
}

package vn.lgsp.hub.connectors.soap;

import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorContext;
import vn.lgsp.hub.connector.spi.ConnectorFactory;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.SettingProblem;
import vn.lgsp.hub.connector.support.http.HttpEndpointSettingsCheck;
import vn.lgsp.hub.connector.support.http.UpstreamHttpClient;

import java.util.ArrayList;
import java.util.List;

/** Connector type {@code soap}: SOAP 1.1/1.2 over HTTP, passthrough or REST facade. */
@ApplicationScoped
public class SoapConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "soap";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<SettingProblem> validate(EndpointSettings settings) {
        List<SettingProblem> problems = new ArrayList<>(HttpEndpointSettingsCheck.problems(settings));
        String version = settings.options().get(SoapServiceOptions.SOAP_VERSION);
        if (version != null && !version.equals("1.1") && !version.equals("1.2")) {
            problems.add(new SettingProblem("options." + SoapServiceOptions.SOAP_VERSION, "unsupported-soap-version",
                    "soapVersion must be 1.1 or 1.2"));
        }
        String mode = settings.options().get(SoapServiceOptions.MODE);
        if (mode != null && !mode.equals("passthrough") && !mode.equals("rest-facade")) {
            problems.add(new SettingProblem("options." + SoapServiceOptions.MODE, "unsupported-mode",
                    "mode must be passthrough or rest-facade"));
        }
        for (String limit : List.of(SoapServiceOptions.MAX_ENVELOPE_BYTES, SoapServiceOptions.MAX_RESPONSE_BYTES)) {
            HttpEndpointSettingsCheck.checkPositiveInt(settings.options().get(limit), "options." + limit, problems);
        }
        return problems;
    }

    @Override
    public Connector create(EndpointSettings settings, ConnectorContext context) {
        return new SoapConnector(settings, UpstreamHttpClient.create(settings, context), context.vertx());
    }
}

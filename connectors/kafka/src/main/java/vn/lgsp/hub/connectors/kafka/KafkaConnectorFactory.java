package vn.lgsp.hub.connectors.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorContext;
import vn.lgsp.hub.connector.spi.ConnectorFactory;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.SettingProblem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Connector type {@code kafka}: a provider reached through Kafka topics (request/reply or one-way). */
@ApplicationScoped
public class KafkaConnectorFactory implements ConnectorFactory {

    public static final String TYPE = "kafka";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<SettingProblem> validate(EndpointSettings settings) {
        List<SettingProblem> problems = new ArrayList<>(KafkaAddress.problems(settings.address()));
        if (settings.requestTimeout() == null || settings.requestTimeout().isZero() || settings.requestTimeout().isNegative()
                || settings.requestTimeout().compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add(new SettingProblem("requestTimeout", "invalid-duration", "requestTimeout must be between 1 ms and 5 minutes"));
        }
        if (settings.auth() != null && !"none".equals(settings.auth().type())) {
            problems.add(new SettingProblem("auth.type", "unsupported-auth-type", "the kafka connector supports auth type none only"));
        }
        if (settings.tls() != null && (settings.tls().caCertificatesPem() != null || settings.tls().clientCertificatePem() != null)) {
            problems.add(new SettingProblem("tls", "unsupported", "the kafka connector does not support TLS settings yet"));
        }
        return problems;
    }

    @Override
    public Connector create(EndpointSettings settings, ConnectorContext context) {
        return new KafkaConnector(settings, KafkaAddress.parse(settings.address()), context);
    }
}

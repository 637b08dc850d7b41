package vn.lgsp.hub;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import vn.lgsp.hub.embedded.DemoIssuer;
import vn.lgsp.hub.embedded.EmbeddedInfrastructure;
import vn.lgsp.hub.evidence.VerifyCommand;

/**
 * Entry point: brings up the embedded PostgreSQL and Kafka when none is configured, then the hub.
 */
@QuarkusMain
public class HubMain {

    public static void main(String... args) {
        if (args.length > 0 && VerifyCommand.NAME.equals(args[0])) {
            // Offline: checks an evidence bundle without starting the hub or anything it needs.
            System.exit(VerifyCommand.run(java.util.List.of(args).subList(1, args.length), System.out));
            return;
        }
        EmbeddedInfrastructure infra;
        try {
            infra = EmbeddedInfrastructure.startIfNeeded();
        } catch (EmbeddedInfrastructure.MissingSecretsKey e) {
            // Before Quarkus starts nothing has configured logging yet: stderr is what the operator sees.
            System.err.println("LGSP Hub does not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Quarkus.run(Hub.class, args);
        } finally {
            infra.stop();
        }
    }

    /** Runs until asked to stop, after printing where the hub listens. */
    public static class Hub implements QuarkusApplication {
        private static final Logger LOG = Logger.getLogger(Hub.class);

        @Override
        public int run(String... args) {
            var config = ConfigProvider.getConfig();
            String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
            int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
            String shown = "0.0.0.0".equals(host) ? "localhost" : host;
            LOG.infof("LGSP Hub is up: http://%s:%d/  (API /api/v1, Swagger UI /q/swagger-ui, health /q/health)", shown, port);
            LOG.infof("Operator console: http://%s:%d/console  (sign in through the identity provider)", shown, port);
            DemoIssuer issuer = EmbeddedInfrastructure.demoIssuer();
            if (issuer != null) {
                StringBuilder help = new StringBuilder("DEMO identity provider (embedded run only, not for production): ")
                        .append(issuer.issuer()).append("\nGet a token for a role (OAuth2 client credentials):");
                DemoIssuer.CLIENTS.forEach((client, role) -> help.append(String.format("%n  %-9s TOKEN=$(curl -s -d grant_type=client_credentials"
                        + " -d client_id=%s -d client_secret=%s %s | jq -r .access_token)", role[0].replace("system_", ""),
                        client, issuer.secrets().get(client), issuer.tokenUrl())));
                help.append("\nThen: curl -H \"Authorization: Bearer $TOKEN\" http://localhost:").append(port).append("/api/v1/catalogue")
                        .append("\n(demo-owner belongs to organisation demo-org; map demo-integrator to a consumer system with"
                                + " an admin's PUT /api/v1/systems/{code} {\"clientId\": \"demo-integrator\", ...})")
                        .append("\nConsole: open http://localhost:").append(port).append("/console and pick a demo user (admin, owner of"
                                + " demo-org, operator) on the demo log-in page");
                LOG.info(help);
            }
            Quarkus.waitForExit();
            return 0;
        }
    }
}

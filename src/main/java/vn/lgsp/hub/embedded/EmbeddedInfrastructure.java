package vn.lgsp.hub.embedded;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * The embedded default: before the hub starts, starts a real PostgreSQL and a real Kafka broker
 * for every one of them that is not configured, and points the hub at them. A production
 * deployment sets {@code quarkus.datasource.reactive.url} and {@code kafka.bootstrap.servers}
 * (and may set {@code lgsp.embedded.enabled=false} to make a missing setting an error).
 *
 * <p>Keys (read before the hub's configuration is built, hence not a config mapping):
 * <ul>
 *   <li>{@code lgsp.embedded.enabled} (default true): allow embedded servers at all;</li>
 *   <li>{@code lgsp.embedded.data-dir} (default {@code .lgsp-hub}): where their data lives, so
 *       registrations survive a restart;</li>
 *   <li>{@code lgsp.embedded.postgres-port} (default 55432) and
 *       {@code lgsp.embedded.kafka-port} (default 59092);</li>
 *   <li>{@code lgsp.embedded.issuer-port} (default 58180): the demo identity provider
 *       ({@link DemoIssuer}), started when {@code quarkus.oidc.auth-server-url} is not set.</li>
 * </ul>
 */
public final class EmbeddedInfrastructure {

    private static final Logger LOG = Logger.getLogger(EmbeddedInfrastructure.class);
    /** Set to true once an embedded server was started, for the rest of the hub to see. */
    static final String STARTED_PROPERTY = "lgsphub.embedded-servers-started";

    /** Held so the JUL loggers keep their level: the broker logs its whole config at INFO. */
    private static final List<java.util.logging.Logger> QUIET = Stream.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky")
            .map(java.util.logging.Logger::getLogger).toList();

    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private DemoIssuer issuer;
    private static volatile DemoIssuer demoIssuer;

    /** Starts what is missing and sets the system properties the hub reads. */
    public static EmbeddedInfrastructure startIfNeeded() {
        Config config = ConfigProvider.getConfig();
        EmbeddedInfrastructure infra = new EmbeddedInfrastructure();
        if (!config.getOptionalValue("lgsp.embedded.enabled", Boolean.class).orElse(true)) {
            return infra;
        }
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        Path dataDir = Path.of(config.getOptionalValue("lgsp.embedded.data-dir", String.class).orElse(".lgsp-hub"))
                .toAbsolutePath();
        if (isBlank(config.getOptionalValue("quarkus.datasource.reactive.url", String.class))) {
            int port = config.getOptionalValue("lgsp.embedded.postgres-port", Integer.class).orElse(55432);
            LOG.infof("No PostgreSQL configured: starting embedded PostgreSQL on port %d (data in %s)", port, dataDir);
            infra.postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), port);
            System.setProperty("quarkus.datasource.reactive.url", infra.postgres.reactiveUrl());
            System.setProperty("quarkus.datasource.username", EmbeddedPostgresServer.USER);
            // Tells the demo data set it may seed: this database is the embedded run's own.
            System.setProperty("lgsp.demo.embedded-run", "true");
        }
        if (isBlank(config.getOptionalValue("kafka.bootstrap.servers", String.class))) {
            int port = config.getOptionalValue("lgsp.embedded.kafka-port", Integer.class).orElse(59092);
            LOG.infof("No Kafka configured: starting embedded Kafka broker on port %d", port);
            infra.kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port);
            System.setProperty("kafka.bootstrap.servers", infra.kafka.bootstrapServers());
        }
        if (infra.running()) {
            System.setProperty(STARTED_PROPERTY, "true");
            // The one-command run's demo providers answer on this machine.
            if (isBlank(config.getOptionalValue("lgsp.egress.allow-loopback", String.class))) {
                System.setProperty("lgsp.egress.allow-loopback", "true");
            }
        }
        // Only beside embedded servers: a hub pointed at real infrastructure never gets a demo issuer.
        if (infra.running() && isBlank(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class))) {
            int port = config.getOptionalValue("lgsp.embedded.issuer-port", Integer.class).orElse(58180);
            LOG.infof("No identity provider configured: starting the DEMO token issuer on 127.0.0.1:%d (not for production)", port);
            infra.issuer = DemoIssuer.start(dataDir, port);
            demoIssuer = infra.issuer;
            System.setProperty("quarkus.oidc.auth-server-url", infra.issuer.issuer());
            // The console signs in at the same demo issuer, as its console client.
            System.setProperty("quarkus.oidc.console.client-id", DemoIssuer.CONSOLE_CLIENT);
            System.setProperty("quarkus.oidc.console.credentials.secret", infra.issuer.secrets().get(DemoIssuer.CONSOLE_CLIENT));
        }
        if (isBlank(config.getOptionalValue("lgsp.secrets.key", String.class))) {
            if (!infra.running()) {
                // A key made here would be this process's own: every pod of a Deployment would
                // encrypt with another one and none could read the others' credentials.
                throw new MissingSecretsKey();
            }
            System.setProperty("lgsp.secrets.key", embeddedSecretKey(dataDir));
        }
        return infra;
    }

    /** The hub runs against its operator's PostgreSQL and Kafka but was given no key to encrypt credentials with. */
    public static final class MissingSecretsKey extends IllegalStateException {
        MissingSecretsKey() {
            super("lgsp.secrets.key (environment LGSP_SECRETS_KEY) is not set. The hub uses your own PostgreSQL and Kafka, "
                    + "so every instance must encrypt endpoint credentials with the same key: generate one once with "
                    + "`head -c 32 /dev/urandom | base64`, keep it in a secret store and give it to every instance.");
        }
    }

    /** A key for encrypting endpoint credentials at rest, kept beside the embedded data. */
    private static String embeddedSecretKey(Path dataDir) {
        Path file = dataDir.resolve("secrets.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(dataDir);
            Files.writeString(file, encoded);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the embedded secrets key in " + file, e);
        }
    }

    private static boolean isBlank(Optional<String> value) {
        return value.map(String::isBlank).orElse(true);
    }

    public boolean running() {
        return postgres != null || kafka != null;
    }

    /** The demo identity provider of this process, or null when a real one is configured. */
    public static DemoIssuer demoIssuer() {
        return demoIssuer;
    }

    public void stop() {
        if (issuer != null) {
            issuer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}

package vn.lgsp.hub.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.lgsp.hub.embedded.EmbeddedKafkaBroker;
import vn.lgsp.hub.embedded.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Starts a real PostgreSQL server and a real Kafka broker once for the whole test run (no
 * Docker, no in-memory stand-ins) and points the hub under test at them.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private TimeStampAuthority timeStamps;

    @Override
    public Map<String, String> start() {
        Path signer;
        try {
            Path dir = Files.createTempDirectory("lgsp-hub-test");
            timeStamps = TimeStampAuthority.start();
            postgres = EmbeddedPostgresServer.start(null, 0);
            kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
            signer = dir.resolve("hub-signer.p12");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestKeys.writePkcs12(signer, TestKeys.issue("LGSP Hub under test", false));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                "lgsp.outbox.poll-interval", "200ms",
                // The message log signs with a key the test CA issued and time-stamps through a real RFC 3161 exchange.
                "lgsp.message-log.signing.key-store", signer.toString(),
                "lgsp.message-log.signing.key-store-password", TestKeys.PASSWORD,
                "lgsp.message-log.time-stamping.url", timeStamps.url());
    }

    @Override
    public void stop() {
        if (timeStamps != null) {
            timeStamps.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}

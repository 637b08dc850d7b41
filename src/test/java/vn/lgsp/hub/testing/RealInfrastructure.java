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

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("lgsp-hub-test");
            postgres = EmbeddedPostgresServer.start(null, 0);
            kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "lgsp.secrets.key", Base64.getEncoder().encodeToString(key),
                "lgsp.outbox.poll-interval", "200ms");
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}

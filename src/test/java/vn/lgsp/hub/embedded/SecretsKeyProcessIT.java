package vn.lgsp.hub.embedded;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged hub pointed at its operator's PostgreSQL and Kafka without {@code lgsp.secrets.key}
 * refuses to start with a clear message, instead of making a key of its own (each pod would encrypt
 * with another one). Nothing needs to listen at those addresses: it refuses before connecting.
 */
class SecretsKeyProcessIT {

    @Test
    void refusesToStartWithoutASharedSecretsKey() throws Exception {
        Path dataDir = Files.createTempDirectory("lgsp-nokey");
        Path output = Files.createTempFile("lgsp-nokey", ".log");
        Process hub = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:1/lgsp", "-Dkafka.bootstrap.servers=127.0.0.1:1",
                "-Dlgsp.embedded.data-dir=" + dataDir, "-jar", System.getProperty("hub.jar")))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(hub.waitFor(60, TimeUnit.SECONDS), "the hub must stop by itself");
            assertEquals(2, hub.exitValue());
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(log.contains("lgsp.secrets.key (environment LGSP_SECRETS_KEY) is not set"), log);
            assertFalse(log.contains("at vn.lgsp.hub"), "a clear message, not a stack trace");
            assertFalse(Files.exists(dataDir.resolve("secrets.key")), "no key of its own was made");
        } finally {
            hub.destroyForcibly();
        }
    }
}

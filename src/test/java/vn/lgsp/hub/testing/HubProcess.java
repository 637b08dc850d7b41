package vn.lgsp.hub.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The packaged hub (target/quarkus-app) run as a separate operating-system process, so tests can
 * kill it for real (SIGKILL) or stop it gracefully (SIGTERM) and start it again.
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the hub with {@code settings} as system properties and waits until it is ready. */
    public static HubProcess start(int port, Map<String, String> settings, Path log) throws IOException {
        String jar = System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException(jar + " is missing: run through 'mvn verify' (failsafe runs after package)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.port=" + port, "-Dlgsp.embedded.enabled=false"));
        // Extra JVM options, e.g. a profiler: -Dhub.jvm.options="-XX:StartFlightRecording=filename=hub.jfr"
        String extra = System.getProperty("hub.jvm.options", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        if (!settings.containsKey("quarkus.oidc.auth-server-url")) {
            // The test Keycloak (started once per JVM) issues the tokens Api.as(...) sends.
            command.add("-Dquarkus.oidc.auth-server-url=" + KeycloakServer.issuer());
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Test providers are stubs on loopback. An environment variable, not a -D setting: a hub
        // from before the egress policy (bench/compare.sh's "before") refuses unknown lgsp.* keys.
        builder.environment().put("LGSP_EGRESS_ALLOW_LOOPBACK", "true");
        Process process = builder.start();
        HubProcess hub = new HubProcess(process, port);
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited during start; see " + log);
            }
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return hub;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no draining, no flushing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: a graceful shutdown; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

package vn.lgsp.hub.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.lgsp.hub.embedded.FreePort;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * A real Keycloak (the distribution Maven unpacked under target/keycloak) as the hub's token
 * issuer, started once per test run (the JVM) with the realm of
 * {@code src/test/resources/keycloak/lgsp-realm.json} (machine clients per role, and the console's
 * client with its people, {@link ConsoleAccount}) and stopped when the JVM exits. Set
 * {@code -Dkeycloak.test.url=http://127.0.0.1:PORT} to use one already running instead.
 */
public class KeycloakServer implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "lgsp";
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "kc-admin-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    private static String baseUrl;
    private static String adminPassword = ADMIN_PASSWORD;
    private static long startMillis;

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", issuer(),
                "quarkus.oidc.console.credentials.secret", ConsoleAccount.CLIENT_SECRET);
    }

    @Override
    public void stop() {
        // Kept for the whole run; a shutdown hook stops it.
    }

    /** The realm's issuer URL, starting Keycloak first if needed. */
    public static synchronized String issuer() {
        return base() + "/realms/" + REALM;
    }

    public static synchronized String base() {
        if (baseUrl == null) {
            String external = System.getProperty("keycloak.test.url");
            if (external != null && !external.isBlank()) {
                baseUrl = external;
                adminPassword = System.getProperty("keycloak.test.admin-password", "admin");
            } else {
                baseUrl = launch();
                // Quarkus loads test resources anew for each test profile (another class loader, so
                // other statics): the JVM's system properties make the second look find this one.
                System.setProperty("keycloak.test.url", baseUrl);
                System.setProperty("keycloak.test.admin-password", ADMIN_PASSWORD);
            }
        }
        return baseUrl;
    }

    public static String adminPassword() {
        base();
        return adminPassword;
    }

    /** Milliseconds the start took (0 if an external Keycloak is used). */
    public static long startMillis() {
        return startMillis;
    }

    private static String launch() {
        Path home = Path.of(System.getProperty("keycloak.test.home", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + ": run the build through Maven (mvn verify)");
        }
        int port = FreePort.find();
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/lgsp-realm.json")) {
                Files.copy(realm, imports.resolve("lgsp-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-host=127.0.0.1", "--import-realm", "--db=dev-mem",
                    "--health-enabled=false", "--cache=local")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak-test.log").toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx640m");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }, "keycloak-stop"));
            String url = "http://127.0.0.1:" + port;
            awaitRealm(url, process, home);
            startMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            System.out.printf("Keycloak for the tests is up at %s after %d ms%n", url, startMillis);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitRealm(String url, Process process, Path home) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/realms/" + REALM + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + home.resolve("keycloak-test.log"));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            process.onExit().completeOnTimeout(null, 250, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
        throw new IllegalStateException("Keycloak did not serve the realm within 240 s; see " + home.resolve("keycloak-test.log"));
    }
}

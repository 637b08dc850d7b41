package vn.lgsp.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Scenario N's peer: Debian's nginx as a plain reverse proxy in front of the same provider stub,
 * configured as gateways built on it (Kong, APISIX) run it: keep-alive connections to the
 * upstream, responses buffered, an access log written (through a buffer, as a busy site would).
 * Its CPU is its master's and its workers' (the suite counts a process's children with it).
 */
final class NginxProxy implements AutoCloseable {

    private final Process master;
    private final Path home;

    private NginxProxy(Process master, Path home) {
        this.master = master;
        this.home = home;
    }

    static NginxProxy start(int listenPort, int upstreamPort) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("bench-nginx");
        // The workers run as an unprivileged user when nginx is started as root; they write its temporary files here.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(home.resolve("nginx.conf"), """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log %1$s/logs/access.log combined buffer=64k flush=1s;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    keepalive_requests 1000000;
                    upstream provider {
                        server 127.0.0.1:%3$d;
                        keepalive 128;
                    }
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://provider;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering on;
                        }
                    }
                }
                """.formatted(home, listenPort, upstreamPort));
        Process master = new ProcessBuilder(List.of(nginx(), "-p", home.toString(), "-c", home.resolve("nginx.conf").toString(),
                "-g", "daemon off;")).redirectErrorStream(true).redirectOutput(home.resolve("logs/stdout.log").toFile()).start();
        NginxProxy proxy = new NginxProxy(master, home);
        try {
            await("nginx listening on " + listenPort).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !master.isAlive() || listening(listenPort));
        } catch (org.awaitility.core.ConditionTimeoutException timedOut) {
            // reported below with nginx's own words
        }
        if (!master.isAlive() || !listening(listenPort)) {
            proxy.close();
            throw new IOException("nginx did not start: " + Files.readString(home.resolve("logs/stdout.log"))
                    + Files.readString(home.resolve("logs/error.log")));
        }
        return proxy;
    }

    long pid() {
        return master.pid();
    }

    /** Requests nginx logged: the suite checks every request it sent went through the proxy. */
    long loggedRequests() throws IOException {
        try (var lines = Files.lines(home.resolve("logs/access.log"))) {
            return lines.count();
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed (Debian: apt-get install nginx-light); bench/run.sh installs it");
    }

    @Override
    public void close() throws InterruptedException {
        master.destroy(); // SIGTERM: nginx's fast shutdown, which flushes the buffered access log
        if (!master.waitFor(10, TimeUnit.SECONDS)) {
            master.destroyForcibly().waitFor();
        }
    }
}

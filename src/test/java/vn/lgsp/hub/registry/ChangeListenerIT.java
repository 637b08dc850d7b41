package vn.lgsp.hub.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change listener against a real PostgreSQL reached through a gate: while the gate drops
 * connections the listener's first connect fails, and the listener must keep trying until it
 * subscribes, then hear notifications (before the fix a failed first connect was never retried).
 */
@QuarkusTest
class ChangeListenerIT {

    @Inject
    Vertx vertx;
    @Inject
    RegistryConfig config;
    @Inject
    Pool pool;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void aListenerWhoseFirstConnectFailedKeepsTryingAndThenHearsChanges() throws Exception {
        PgConnectOptions database = PgConnectOptions.fromUri(url).setUser(user);
        AtomicBoolean open = new AtomicBoolean(false);
        AtomicInteger dropped = new AtomicInteger();
        NetClient upstream = vertx.createNetClient();
        NetServer gate = vertx.createNetServer().connectHandler(socket -> {
            if (!open.get()) {
                dropped.incrementAndGet();
                socket.close();
                return;
            }
            socket.pause();
            upstream.connect(database.getPort(), database.getHost()).onSuccess(server -> {
                socket.pipeTo(server);
                server.pipeTo(socket);
                socket.resume();
            }).onFailure(e -> socket.close());
        });
        int port = gate.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();

        RegistryChanges listener = new RegistryChanges();
        listener.vertx = vertx;
        listener.config = config;
        AtomicInteger heard = new AtomicInteger();
        listener.onChange(heard::incrementAndGet);
        try {
            listener.listen(new PgConnectOptions(database).setHost("127.0.0.1").setPort(port));
            await().atMost(Duration.ofSeconds(10)).until(() -> dropped.get() >= 1);
            assertTrue(heard.get() == 0, "no subscription while the database is unreachable");

            open.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.get() >= 1);
            int subscribed = heard.get();

            pool.query("NOTIFY " + RegistryChanges.CHANNEL + ", 'grant'").execute().await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.get() > subscribed);
        } finally {
            listener.stop(null);
            gate.close();
            upstream.close();
        }
    }
}

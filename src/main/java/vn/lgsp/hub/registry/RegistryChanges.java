package vn.lgsp.hub.registry;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the hub's caches that the registry changed, on every instance: the database announces
 * each committed change on channel {@code lgsp_registry} (a trigger), and this listens. While the
 * listening connection is down the caches are cleared at every reconnect, so a missed
 * notification cannot leave a revoked grant usable.
 */
@ApplicationScoped
public class RegistryChanges {

    private static final Logger LOG = Logger.getLogger(RegistryChanges.class);
    static final String CHANNEL = "lgsp_registry";

    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private PgSubscriber subscriber;

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscriber.channel(CHANNEL)
                .subscribeHandler(v -> changed())
                .handler(table -> changed());
        subscriber.closeHandler(v -> {
            LOG.warn("lost the registry change listener; caches are cleared and it reconnects");
            changed();
        });
        subscriber.connect().onFailure(e -> LOG.warnf("registry change listener not connected yet: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Registers a cache to be cleared on every change. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * A counter that moves at every change: a cache load that started under an older generation
     * must not be stored, since it may hold what the change replaced.
     */
    public long generation() {
        return generation.get();
    }

    /** Also called right after a local commit, so this instance does not wait for the echo. */
    public void changed() {
        generation.incrementAndGet();
        listeners.forEach(Runnable::run);
    }
}

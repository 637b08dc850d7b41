package vn.lgsp.hub.registry;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
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
import java.util.function.Supplier;

/**
 * Tells the hub's caches that the registry changed, on every instance: the database announces
 * each committed change on channel {@code lgsp_registry} (a trigger), and this listens. Caches
 * are cleared at every (re)subscription, so a notification missed while the connection was down
 * cannot leave a revoked grant usable; a first connection that fails is retried with back-off,
 * and every cache made here also expires its entries after {@code lgsp.registry.cache-ttl}.
 */
@ApplicationScoped
public class RegistryChanges {

    private static final Logger LOG = Logger.getLogger(RegistryChanges.class);
    static final String CHANNEL = "lgsp_registry";
    static final long FIRST_RETRY_MS = 500;
    static final long MAX_RETRY_MS = 30_000;

    @Inject
    Vertx vertx;
    @Inject
    RegistryConfig config;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        listen(options);
    }

    /** Subscribes on {@code options}; exposed to the package so a test can point it at a server that is not up yet. */
    void listen(PgConnectOptions options) {
        listen(options, FIRST_RETRY_MS);
    }

    // Once connected, PgSubscriber reconnects by itself (its policy: every second, for ever); a
    // first connect that fails it never retries, and it cannot be connected again, so each
    // attempt gets a fresh subscriber.
    private void listen(PgConnectOptions options, long nextDelayMs) {
        PgSubscriber attempt = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscriber = attempt;
        attempt.channel(CHANNEL)
                .subscribeHandler(v -> changed())
                .handler(table -> changed());
        attempt.closeHandler(v -> {
            if (!stopped && attempt == subscriber) {
                LOG.warn("lost the registry change listener; caches are cleared and it reconnects");
                changed();
                listen(options, FIRST_RETRY_MS);
            }
        });
        attempt.connect().onFailure(e -> {
            if (stopped || attempt != subscriber) {
                return;
            }
            LOG.warnf("registry change listener not connected (%s); retrying in %d ms, caches expire after %s meanwhile",
                    e.getMessage(), nextDelayMs, config.cacheTtl());
            vertx.setTimer(nextDelayMs, id -> {
                if (!stopped && attempt == subscriber) {
                    listen(options, Math.min(nextDelayMs * 2, MAX_RETRY_MS));
                }
            });
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** A keyed cache of registry-derived values, cleared at every change and bounded in age and size. */
    public <K, V> RegistryCache<K, V> cache(int maxEntries) {
        RegistryCache<K, V> cache = new RegistryCache<>(maxEntries, config.cacheTtl().toNanos(), config.loadTimeout(), generation::get, System::nanoTime);
        listeners.add(cache::clear);
        return cache;
    }

    /** One registry-derived value, cleared at every change and bounded in age. */
    public <V> RegistrySnapshot<V> snapshot(Supplier<Uni<V>> load) {
        return new RegistrySnapshot<>(cache(1), load);
    }

    /** Registers a listener to be told of every change (for state that is not a cache). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Also called right after a local commit, so this instance does not wait for the echo. */
    public void changed() {
        generation.incrementAndGet();
        listeners.forEach(Runnable::run);
    }
}

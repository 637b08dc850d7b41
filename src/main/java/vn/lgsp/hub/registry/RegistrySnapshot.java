package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One value derived from the whole registry (the active systems, the client map, the grants),
 * with the freshness rules of {@link RegistryCache}: dropped at every change and at most a TTL old.
 */
public final class RegistrySnapshot<V> {

    private static final Object WHOLE = new Object();

    private final RegistryCache<Object, V> cache;
    private final Supplier<Uni<V>> load;

    RegistrySnapshot(RegistryCache<Object, V> cache, Supplier<Uni<V>> load) {
        this.cache = cache;
        this.load = load;
    }

    /** The current value; loads it when absent or stale. Never blocks. */
    public CompletableFuture<V> get() {
        return cache.get(WHOLE, load);
    }
}

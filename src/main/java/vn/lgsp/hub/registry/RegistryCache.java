package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;

import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Values derived from the registry, loaded once per key and shared by concurrent callers. An
 * entry is dropped at every registry change (see {@link RegistryChanges}) and, whatever the
 * change listener does, at most {@code ttl} after its load began: a lost or never established
 * {@code LISTEN} connection costs bounded staleness, never a revoked grant honoured for ever.
 *
 * <p>A load that began before a change is handed to the callers that waited for it but not
 * kept, since it may hold what the change replaced. A failed load is not kept either. When the
 * cache holds {@code maxEntries} keys it is cleared whole: keys are few (systems, services), and
 * a caller who invents keys only costs itself database round trips.
 *
 * <p>A load that does not answer within its timeout fails (503 {@code storage-unavailable}) and is
 * not kept, so a hung database makes calls refused, not held.
 *
 * <p>Thread-safe; {@link #get} never blocks and may be called on an event loop.
 */
public final class RegistryCache<K, V> {

    private record Entry<V>(CompletableFuture<V> value, long loadedAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlNanos;
    private final Duration loadTimeout;
    private final LongSupplier generation;
    private final LongSupplier clock;

    RegistryCache(int maxEntries, long ttlNanos, Duration loadTimeout, LongSupplier generation, LongSupplier clock) {
        if (maxEntries < 1 || ttlNanos < 0) {
            throw new IllegalArgumentException("maxEntries must be positive and ttl not negative");
        }
        this.maxEntries = maxEntries;
        this.ttlNanos = ttlNanos;
        this.loadTimeout = loadTimeout;
        this.generation = generation;
        this.clock = clock;
    }

    /** The value for {@code key}, from memory while fresh, else from {@code load} (called at most once per miss). */
    public CompletableFuture<V> get(K key, Supplier<Uni<V>> load) {
        while (true) {
            long now = clock.getAsLong();
            Entry<V> existing = entries.get(key);
            if (existing != null && (!existing.value().isDone() || now - existing.loadedAt() < ttlNanos)) {
                return existing.value();
            }
            if (existing == null && entries.size() >= maxEntries) {
                entries.clear();
            }
            Entry<V> loading = new Entry<>(new CompletableFuture<>(), now);
            boolean claimed = existing == null ? entries.putIfAbsent(key, loading) == null : entries.replace(key, existing, loading);
            if (claimed) {
                load(key, loading, load);
                return loading.value();
            }
        }
    }

    /** Drops every entry; loads under way complete for their callers but are not kept. */
    public void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private void load(K key, Entry<V> loading, Supplier<Uni<V>> load) {
        long startedUnder = generation.getAsLong();
        Uni<V> source;
        try {
            source = load.get();
        } catch (RuntimeException e) {
            source = Uni.createFrom().failure(e);
        }
        source.ifNoItem().after(loadTimeout).failWith(() -> new ProblemException(ErrorCode.STORAGE_UNAVAILABLE,
                        "the hub's database did not answer within " + loadTimeout.toMillis() + " ms; retry shortly", null, List.of(),
                        Map.of("Retry-After", "1")))
                .subscribe().with(value -> {
            if (generation.getAsLong() != startedUnder) {
                entries.remove(key, loading);
            }
            loading.value().complete(value);
        }, failure -> {
            entries.remove(key, loading);
            loading.value().completeExceptionally(failure);
        });
    }
}

package vn.lgsp.hub.access;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.registry.RegistryChanges;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The active grants held in memory so the sharing API checks access without a database round
 * trip. Reloaded whole after every registry change (the set is small: thousands, not millions),
 * and never trusted across a change: a load that began before it is discarded.
 */
@ApplicationScoped
public class GrantCache {

    private static final Logger LOG = Logger.getLogger(GrantCache.class);

    @Inject
    Pool pool;
    @Inject
    GrantRepository grants;
    @Inject
    RegistryChanges changes;

    private record Snapshot(Map<String, Grant> byKey) {
    }

    private final AtomicReference<CompletableFuture<Snapshot>> current = new AtomicReference<>();

    void start(@Observes StartupEvent event) {
        changes.onChange(() -> current.set(null));
    }

    /** The grant that lets {@code consumer} call {@code provider}'s {@code service} now, or null. */
    public CompletionStage<Grant> find(String consumer, String provider, String service) {
        return snapshot().thenApply(snapshot -> {
            Grant grant = snapshot.byKey().get(key(consumer, provider, service));
            return grant != null && grant.allows(OffsetDateTime.now()) ? grant : null;
        });
    }

    private CompletableFuture<Snapshot> snapshot() {
        CompletableFuture<Snapshot> existing = current.get();
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Snapshot> loading = new CompletableFuture<>();
        if (!current.compareAndSet(null, loading)) {
            return snapshot();
        }
        long generation = changes.generation();
        grants.active(pool).subscribe().with(list -> {
            Snapshot snapshot = new Snapshot(index(list));
            loading.complete(snapshot);
            if (changes.generation() != generation) {
                current.compareAndSet(loading, null);
            }
        }, failure -> {
            LOG.warnf("could not load grants: %s", failure.getMessage());
            current.compareAndSet(loading, null);
            loading.completeExceptionally(failure);
        });
        return loading;
    }

    private static Map<String, Grant> index(List<Grant> list) {
        Map<String, Grant> map = new HashMap<>(list.size() * 2);
        list.forEach(grant -> map.put(key(grant.consumerSystem(), grant.providerSystem(), grant.serviceCode()), grant));
        return map;
    }

    private static String key(String consumer, String provider, String service) {
        return consumer + '\u0000' + provider + '\u0000' + service;
    }
}

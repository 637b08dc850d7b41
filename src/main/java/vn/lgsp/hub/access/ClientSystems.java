package vn.lgsp.hub.access;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import vn.lgsp.hub.registry.RegistryChanges;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * OAuth2 client id -> the active system it calls as, in memory and dropped at every registry
 * change (on every instance, by LISTEN/NOTIFY), so unmapping a client or suspending its system
 * stops its calls within a second even while its tokens are still unexpired.
 */
@ApplicationScoped
public class ClientSystems {

    @Inject
    Pool pool;
    @Inject
    RegistryChanges changes;

    private final AtomicReference<CompletableFuture<Map<String, String>>> current = new AtomicReference<>();

    void start(@Observes StartupEvent event) {
        changes.onChange(() -> current.set(null));
    }

    /** The code of the active system {@code clientId} is mapped to, or null. */
    public CompletionStage<String> systemOf(String clientId) {
        return clients().thenApply(map -> map.get(clientId));
    }

    private CompletableFuture<Map<String, String>> clients() {
        CompletableFuture<Map<String, String>> existing = current.get();
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Map<String, String>> loading = new CompletableFuture<>();
        if (!current.compareAndSet(null, loading)) {
            return clients();
        }
        long generation = changes.generation();
        pool.query("SELECT client_id, code FROM information_system WHERE client_id IS NOT NULL AND status = 'active'").execute()
                .subscribe().with(rows -> {
                    Map<String, String> map = new HashMap<>(rows.size() * 2);
                    rows.forEach(row -> map.put(row.getString(0), row.getString(1)));
                    loading.complete(map);
                    if (changes.generation() != generation) {
                        current.compareAndSet(loading, null);
                    }
                }, failure -> {
                    current.compareAndSet(loading, null);
                    loading.completeExceptionally(failure);
                });
        return loading;
    }
}

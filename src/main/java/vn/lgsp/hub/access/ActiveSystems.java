package vn.lgsp.hub.access;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import vn.lgsp.hub.registry.RegistryChanges;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/** The codes of active systems, in memory, so a consumer is checked without a database trip. */
@ApplicationScoped
public class ActiveSystems {

    @Inject
    Pool pool;
    @Inject
    RegistryChanges changes;

    private final AtomicReference<CompletableFuture<Set<String>>> current = new AtomicReference<>();

    void start(@Observes StartupEvent event) {
        changes.onChange(() -> current.set(null));
    }

    public CompletionStage<Boolean> isActive(String code) {
        return codes().thenApply(codes -> codes.contains(code));
    }

    private CompletableFuture<Set<String>> codes() {
        CompletableFuture<Set<String>> existing = current.get();
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Set<String>> loading = new CompletableFuture<>();
        if (!current.compareAndSet(null, loading)) {
            return codes();
        }
        long generation = changes.generation();
        pool.query("SELECT code FROM information_system WHERE status = 'active'").execute().subscribe().with(rows -> {
            Set<String> codes = new HashSet<>(rows.size() * 2);
            rows.forEach(row -> codes.add(row.getString(0)));
            loading.complete(codes);
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

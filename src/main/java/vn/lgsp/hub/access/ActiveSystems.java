package vn.lgsp.hub.access;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.registry.RegistryChanges;
import vn.lgsp.hub.registry.RegistrySnapshot;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The codes of active systems, in memory, so a consumer is checked without a database trip. */
@ApplicationScoped
public class ActiveSystems {

    @Inject
    Pool pool;
    @Inject
    RegistryChanges changes;

    private RegistrySnapshot<Set<String>> codes;

    @PostConstruct
    void init() {
        codes = changes.snapshot(() -> pool.query("SELECT code FROM information_system WHERE status = 'active'").execute().map(rows -> {
            Set<String> codes = new HashSet<>(rows.size() * 2);
            rows.forEach(row -> codes.add(row.getString(0)));
            return codes;
        }));
    }

    public CompletionStage<Boolean> isActive(String code) {
        return codes.get().thenApply(codes -> codes.contains(code));
    }
}

package vn.lgsp.hub.access;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.registry.RegistryChanges;
import vn.lgsp.hub.registry.RegistrySnapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

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

    private RegistrySnapshot<Map<String, String>> clients;

    @PostConstruct
    void init() {
        clients = changes.snapshot(() -> pool
                .query("SELECT client_id, code FROM information_system WHERE client_id IS NOT NULL AND status = 'active'").execute()
                .map(rows -> {
                    Map<String, String> map = new HashMap<>(rows.size() * 2);
                    rows.forEach(row -> map.put(row.getString(0), row.getString(1)));
                    return map;
                }));
    }

    /** The code of the active system {@code clientId} is mapped to, or null. */
    public CompletionStage<String> systemOf(String clientId) {
        return clients.get().thenApply(map -> map.get(clientId));
    }
}

package vn.lgsp.hub.access;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.registry.RegistryChanges;
import vn.lgsp.hub.registry.RegistrySnapshot;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The active grants held in memory so the sharing API checks access without a database round
 * trip. Reloaded whole after every registry change (the set is small: thousands, not millions),
 * never trusted across a change (a load that began before it is discarded) nor beyond
 * {@code lgsp.registry.cache-ttl}.
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

    private RegistrySnapshot<Map<String, Grant>> byKey;

    @PostConstruct
    void init() {
        byKey = changes.snapshot(() -> grants.active(pool)
                .onFailure().invoke(failure -> LOG.warnf("could not load grants: %s", failure.getMessage()))
                .map(GrantCache::index));
    }

    /** The grant that lets {@code consumer} call {@code provider}'s {@code service} now, or null. */
    public CompletionStage<Grant> find(String consumer, String provider, String service) {
        return byKey.get().thenApply(map -> {
            Grant grant = map.get(key(consumer, provider, service));
            return grant != null && grant.allows(OffsetDateTime.now()) ? grant : null;
        });
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

package vn.lgsp.hub.access;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.registry.RegistryEvents;

/**
 * Marks grants past their expiry as expired (and records it), once a minute on any instance. The
 * sharing API does not wait for this: a grant past its expiry never lets a call through.
 */
@ApplicationScoped
public class GrantExpiry {

    private static final Logger LOG = Logger.getLogger(GrantExpiry.class);

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    GrantRepository grants;
    @Inject
    RegistryEvents events;

    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(60_000, id -> sweep().subscribe().with(n -> { },
                failure -> LOG.debugf("grant expiry sweep failed: %s", failure.toString())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    Uni<Integer> sweep() {
        return pool.withTransaction(tx -> grants.expire(tx).call(expired -> {
                    Uni<Void> recorded = Uni.createFrom().voidItem();
                    for (Grant grant : expired) {
                        recorded = recorded.call(() -> events.record(tx, "grant.expired", grant.providerSystem(), grant));
                    }
                    return recorded;
                }))
                .invoke(expired -> {
                    if (!expired.isEmpty()) {
                        events.committed();
                    }
                })
                .map(java.util.List::size);
    }
}

package vn.lgsp.hub.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.registry.RegistryChanges;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one {@link SubscriptionWorker} per active push subscription on this instance, and keeps
 * the set in line with the database: at start, after every registry change (subscriptions and
 * event types notify like the rest of the registry), and every 30 seconds as a safety net
 * (which also restarts a worker that died). Every instance runs a worker for every
 * subscription; Kafka's group protocol shares each subscription's partitions among them.
 */
@ApplicationScoped
public class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    EventsConfig config;
    @Inject
    InstanceName instance;
    @Inject
    EventKafka kafka;
    @Inject
    PushDelivery delivery;
    @Inject
    Subscriptions subscriptions;
    @Inject
    RegistryChanges changes;

    private final Map<UUID, SubscriptionWorker> workers = new HashMap<>();
    private final AtomicBoolean reconciling = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        if (!config.deliveryEnabled()) {
            LOG.info("push delivery is disabled on this instance (lgsp.events.delivery-enabled=false)");
            return;
        }
        changes.onChange(() -> vertx.runOnContext(v -> reconcile()));
        timer = vertx.setPeriodic(1, 30_000, id -> reconcile());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        List<SubscriptionWorker> all;
        synchronized (workers) {
            all = List.copyOf(workers.values());
            workers.clear();
        }
        all.forEach(SubscriptionWorker::stop);
        for (SubscriptionWorker worker : all) {
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Starts and stops workers to match the active push subscriptions; runs one at a time. */
    void reconcile() {
        if (stopped) {
            return;
        }
        if (!reconciling.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        subscriptions.activePush(pool).subscribe().with(list -> {
            try {
                apply(list);
            } finally {
                reconciling.set(false);
                if (again.get()) {
                    reconcile();
                }
            }
        }, failure -> {
            LOG.warnf("could not load subscriptions for delivery: %s", failure.toString());
            reconciling.set(false);
        });
    }

    private void apply(List<Subscription> active) {
        Map<UUID, Subscription> wanted = new HashMap<>();
        active.stream().filter(s -> s.topic() != null).forEach(s -> wanted.put(s.id(), s));
        synchronized (workers) {
            workers.entrySet().removeIf(entry -> {
                SubscriptionWorker worker = entry.getValue();
                if (!wanted.containsKey(entry.getKey()) || !worker.alive()) {
                    worker.stop();
                    return true;
                }
                return false;
            });
            if (stopped) {
                return;
            }
            for (Subscription sub : wanted.values()) {
                if (!workers.containsKey(sub.id())) {
                    Context context = vertx.getOrCreateContext();
                    SubscriptionWorker worker = new SubscriptionWorker(sub, kafka, delivery, config, context, instance.value());
                    workers.put(sub.id(), worker);
                    worker.start();
                    LOG.debugf("push delivery of subscription %s started", sub.id());
                }
            }
        }
    }

    /** Subscriptions this instance runs a worker for (operations and tests). */
    public int running() {
        synchronized (workers) {
            return workers.size();
        }
    }
}

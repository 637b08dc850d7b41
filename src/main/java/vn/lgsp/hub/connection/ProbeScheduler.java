package vn.lgsp.hub.connection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ProbeRequest;
import vn.lgsp.hub.connector.spi.ProbeResult;
import vn.lgsp.hub.registry.EndpointRecord;
import vn.lgsp.hub.registry.EndpointRepository;
import vn.lgsp.hub.routing.LiveConnectors;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the registered probes of active systems' endpoints through their live connectors.
 * A Vert.x timer claims due probes from PostgreSQL (the claim is the cluster-wide lease, so each
 * probe runs on one instance per interval) but never more than {@code max-in-flight} at once;
 * everything is asynchronous, nothing blocks the event loop.
 */
@ApplicationScoped
public class ProbeScheduler {

    private static final Logger LOG = Logger.getLogger(ProbeScheduler.class);

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    ProbeRepository probes;
    @Inject
    EndpointRepository endpoints;
    @Inject
    LiveConnectors connectors;
    @Inject
    ConnectionsConfig config;
    @Inject
    InstanceName instance;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile boolean stopped;
    private Context context;
    private long tickTimer = -1;
    private long purgeTimer = -1;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            tickTimer = vertx.setPeriodic(config.tick().toMillis(), id -> tick());
            purgeTimer = vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), Duration.ofHours(1).toMillis(), id -> purge());
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
        }
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
        }
    }

    /** Probes currently running on this instance. */
    public int inFlight() {
        return inFlight.get();
    }

    private void tick() {
        int free = config.maxInFlight() - inFlight.get();
        if (stopped || free <= 0 || !claiming.compareAndSet(false, true)) {
            return;
        }
        probes.claim(pool, instance.value(), free, config.probeLeaseMargin()).subscribe().with(claims -> {
            claiming.set(false);
            claims.forEach(this::run);
        }, failure -> {
            claiming.set(false);
            LOG.debugf("claiming due probes failed: %s", failure.getMessage());
        });
    }

    private void run(ProbeRepository.Claim claim) {
        inFlight.incrementAndGet();
        endpoints.findById(pool, claim.endpointId())
                .flatMap(record -> record == null ? Uni.createFrom().voidItem() : probe(record, claim).flatMap(result -> store(claim, result)))
                .onTermination().invoke(inFlight::decrementAndGet)
                .subscribe().with(done -> { }, failure -> LOG.warnf("probe of endpoint %s not recorded: %s", claim.endpointId(), failure.getMessage()));
    }

    private Uni<ProbeResult> probe(EndpointRecord record, ProbeRepository.Claim claim) {
        Duration timeout = Duration.ofMillis(claim.timeoutMs());
        ProbeRequest request = new ProbeRequest(claim.target(), timeout, Map.of());
        return Uni.createFrom().<ProbeResult>emitter(emitter -> context.runOnContext(v -> {
                    // Connectors must be called on an event loop (SPI threading rule).
                    try {
                        Connector connector = connectors.of(record);
                        connector.probe(request).onComplete(ar -> emitter.complete(ar.succeeded() ? ar.result()
                                : ProbeResult.down(Duration.ZERO, "probe failed: " + ar.cause().getClass().getSimpleName())));
                    } catch (RuntimeException e) {
                        LOG.warnf("cannot probe endpoint %s: %s", claim.endpointId(), e.getMessage());
                        emitter.complete(ProbeResult.down(Duration.ZERO, "hub cannot use the endpoint's connector"));
                    }
                }))
                // A connector that never answers must not hold a slot forever.
                .ifNoItem().after(timeout.plusSeconds(1)).recoverWithItem(() -> ProbeResult.down(timeout, "timeout"));
    }

    private Uni<Void> store(ProbeRepository.Claim claim, ProbeResult result) {
        ProbeTiming timing = new ProbeTiming(Duration.ofSeconds(claim.intervalSeconds()), config.maxBackoff(), config.jitter());
        double random = ThreadLocalRandom.current().nextDouble();
        if (!result.supported()) {
            return probes.unsupported(pool, claim.endpointId(), result.detail(), timing.nextDelay(0, random));
        }
        int failures = result.up() ? 0 : claim.consecutiveFailures() + 1;
        int millis = (int) Math.min(Integer.MAX_VALUE, result.duration() == null ? 0 : result.duration().toMillis());
        return probes.complete(pool, claim.endpointId(), result.up(), millis, result.up() ? null : result.detail(),
                timing.nextDelay(failures, random), instance.value());
    }

    private void purge() {
        probes.purge(pool, config.probeRetention()).subscribe().with(
                n -> LOG.debugf("dropped %d probe results past retention", n),
                failure -> LOG.debugf("probe result purge failed: %s", failure.getMessage()));
    }
}

package vn.lgsp.hub.access;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-grant quotas (requests per second, per day) consistent across every hub instance: the
 * budget of each window lives in PostgreSQL ({@code quota_window}); an instance leases a chunk
 * of it with one atomic call and spends the chunk locally, so the hot path touches the database
 * once per chunk, not per request. Together the instances never exceed a limit; the price is
 * that budget leased by one instance and unspent when its window ends is lost (at most one chunk
 * per instance and window), and a window once found used up is refused locally without asking
 * the database again.
 */
@ApplicationScoped
public class Quotas {

    private static final Logger LOG = Logger.getLogger(Quotas.class);

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    QuotaConfig config;

    private record Key(UUID grant, String kind, long window) {
    }

    private static final class Bucket {
        final AtomicInteger remaining = new AtomicInteger();
        volatile boolean exhausted;
    }

    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(10_000, id -> cleanUp());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** 0 if the call may go ahead, otherwise the seconds to wait (for Retry-After). */
    public CompletionStage<Long> acquire(Grant grant) {
        Instant now = Instant.now();
        CompletionStage<Boolean> perSecond = grant.requestsPerSecond() == null ? CompletableFuture.completedFuture(true)
                : take(new Key(grant.id(), "second", now.getEpochSecond()), grant.requestsPerSecond());
        return perSecond.thenCompose(ok -> {
            if (!ok) {
                return CompletableFuture.completedFuture(1L);
            }
            if (grant.requestsPerDay() == null) {
                return CompletableFuture.completedFuture(0L);
            }
            ZonedDateTime local = now.atZone(config.dayZone());
            return take(new Key(grant.id(), "day", local.toLocalDate().toEpochDay()), grant.requestsPerDay())
                    .thenApply(dayOk -> dayOk ? 0L : secondsUntilTomorrow(local));
        });
    }

    private CompletionStage<Boolean> take(Key key, int limit) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        while (true) {
            int left = bucket.remaining.get();
            if (left <= 0) {
                break;
            }
            if (bucket.remaining.compareAndSet(left, left - 1)) {
                return CompletableFuture.completedFuture(true);
            }
        }
        if (bucket.exhausted) {
            return CompletableFuture.completedFuture(false);
        }
        int divisor = key.kind().equals("second") ? 10 : 100;
        int wanted = Math.max(1, Math.min(config.maxLease(), limit / divisor));
        return pool.preparedQuery("SELECT lgsp_quota_lease($1, $2, $3, $4, $5)")
                .execute(Tuple.of(key.grant(), key.kind(), key.window(), wanted, limit))
                .map(rows -> {
                    int leased = rows.iterator().next().getInteger(0);
                    if (leased <= 0) {
                        bucket.exhausted = true;
                        return false;
                    }
                    bucket.remaining.addAndGet(leased - 1);
                    return true;
                })
                .subscribeAsCompletionStage();
    }

    private static long secondsUntilTomorrow(ZonedDateTime local) {
        ZonedDateTime midnight = LocalDate.from(local).plusDays(1).atStartOfDay(local.getZone());
        return Math.max(1, midnight.toEpochSecond() - local.toEpochSecond());
    }

    private void cleanUp() {
        long second = Instant.now().getEpochSecond();
        long day = LocalDate.now(config.dayZone()).toEpochDay();
        buckets.keySet().removeIf(key -> key.kind().equals("second") ? key.window() < second - 2 : key.window() < day - 1);
        pool.preparedQuery("DELETE FROM quota_window WHERE (window_kind = 'second' AND window_start < $1) "
                        + "OR (window_kind = 'day' AND window_start < $2)")
                .execute(Tuple.of(second - 60, day - 2))
                .subscribe().with(done -> { }, failure -> LOG.debugf("quota clean-up failed: %s", failure.toString()));
    }
}

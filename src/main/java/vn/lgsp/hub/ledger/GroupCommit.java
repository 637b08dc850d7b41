package vn.lgsp.hub.ledger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Group commit that fails closed: whoever arrives while a commit is in flight joins the next one
 * (under load one PostgreSQL transaction carries hundreds of records; at low load a record is
 * committed at once), and a record's future fails rather than waits without end.
 *
 * <ul>
 *   <li>At most {@code maxQueued} records wait for a commit slot; one more is refused at once, so
 *       a stalled database cannot make memory grow with the load.</li>
 *   <li>A record not committed within the deadline (waiting or in a commit) fails; the commit
 *       itself is left to finish, holding its slot, since the database may yet apply it.</li>
 *   <li>After a failure, new records are refused up front for {@code failFastWindow}, then let
 *       through again so that the next commit shows whether the database is back.</li>
 * </ul>
 *
 * Thread-safe: records arrive from any event loop; {@link #sweep()} runs on a timer.
 */
final class GroupCommit<T> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Why a record was not committed, without waiting for the database to say. */
    static final class NotCommitted extends RuntimeException {
        NotCommitted(String message) {
            super(message, null, false, false);
        }
    }

    private record Pending<T>(T item, Promise<Void> promise, long queuedNanos) {
    }

    private record InFlight<T>(List<Pending<T>> batch, long startedNanos) {
    }

    private final String name;
    private final int maxBatch;
    private final int maxQueued;
    private final long deadlineNanos;
    private final long failFastNanos;
    private final BiFunction<List<T>, Integer, Uni<Void>> write;
    private final LongSupplier clock;
    private final Timer commitTimer;
    private final DistributionSummary batchSizes;

    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private final List<InFlight<T>> inFlight;
    private volatile BooleanSupplier refused = () -> false;
    private volatile long lastFailureNanos;
    private volatile boolean failed;

    /**
     * @param write commits one batch in one transaction; the slot (0 to {@code maxInFlight - 1})
     *              is exclusive to that commit while it runs
     */
    GroupCommit(String name, int maxBatch, int maxInFlight, int maxQueued, Duration deadline, Duration failFastWindow,
                BiFunction<List<T>, Integer, Uni<Void>> write, MeterRegistry registry) {
        this(name, maxBatch, maxInFlight, maxQueued, deadline, failFastWindow, write, registry, System::nanoTime);
    }

    /** With a clock of its own (nanoseconds), for tests that move time. */
    GroupCommit(String name, int maxBatch, int maxInFlight, int maxQueued, Duration deadline, Duration failFastWindow,
                BiFunction<List<T>, Integer, Uni<Void>> write, MeterRegistry registry, LongSupplier clock) {
        this.clock = clock;
        this.name = name;
        this.maxBatch = maxBatch;
        this.maxQueued = maxQueued;
        this.deadlineNanos = deadline.toNanos();
        this.failFastNanos = failFastWindow.toNanos();
        this.write = write;
        this.inFlight = new ArrayList<>(maxInFlight);
        for (int slot = 0; slot < maxInFlight; slot++) {
            freeSlots.add(slot);
            inFlight.add(null);
        }
        commitTimer = Timer.builder("lgsp.ledger.commit").tag("records", name)
                .description("Time of one ledger group commit").publishPercentiles(0.5, 0.99).register(registry);
        batchSizes = DistributionSummary.builder("lgsp.ledger.batch.size").tag("records", name)
                .description("Records per ledger group commit").publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Completes when the item is committed; fails when it was not (refused, timed out, or the commit failed). */
    Future<Void> add(T item) {
        if (!accepting()) {
            return Future.failedFuture(new NotCommitted(name + " records are refused for a while after a failed commit"));
        }
        long now = clock.getAsLong();
        Promise<Void> promise = Promise.promise();
        List<Pending<T>> batch = null;
        int slot = -1;
        synchronized (this) {
            if (queue.size() >= maxQueued) {
                return Future.failedFuture(new NotCommitted(maxQueued + " " + name + " records already wait for a commit"));
            }
            queue.add(new Pending<>(item, promise, now));
            if (!freeSlots.isEmpty()) {
                slot = freeSlots.poll();
                batch = drain();
                inFlight.set(slot, new InFlight<>(batch, now));
            }
        }
        if (batch != null) {
            flush(batch, slot);
        }
        return promise.future();
    }

    /** False for {@code failFastWindow} after a failure, unless a commit has succeeded since; false while {@link #refuseWhile} holds. */
    boolean accepting() {
        return (!failed || clock.getAsLong() - lastFailureNanos > failFastNanos) && !refused.getAsBoolean();
    }

    /** Also refuses records up front while {@code condition} holds (the watchdog's probe is overdue). */
    void refuseWhile(BooleanSupplier condition) {
        refused = condition;
    }

    /** True unless the last commit (or deadline) failed and none has succeeded since. */
    boolean healthy() {
        return !failed;
    }

    /** Marks the database reachable again (a probe succeeded) without waiting for a record. */
    void recovered() {
        succeeded();
    }

    /** Marks the database unavailable (a probe failed or hangs): refuses records for the fail-fast window. */
    void unavailable() {
        failedAt(clock.getAsLong());
    }

    /** Fails every record older than the deadline, queued or in a commit; called on a timer. */
    void sweep() {
        long now = clock.getAsLong();
        List<Pending<T>> late = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Pending<T>> it = queue.iterator(); it.hasNext(); ) {
                Pending<T> p = it.next();
                if (now - p.queuedNanos() > deadlineNanos) {
                    late.add(p);
                    it.remove();
                }
            }
            for (InFlight<T> commit : inFlight) {
                if (commit != null && now - commit.startedNanos() > deadlineNanos) {
                    late.addAll(commit.batch());
                }
            }
        }
        late.removeIf(p -> p.promise().future().isComplete());
        if (!late.isEmpty()) {
            failedAt(now);
            LOG.warnf("%d %s records not committed within %d ms: refused", late.size(), name,
                    TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
            NotCommitted timeout = new NotCommitted(name + " commit deadline passed");
            late.forEach(p -> p.promise().tryFail(timeout));
        }
    }

    private List<Pending<T>> drain() {
        int n = Math.min(queue.size(), maxBatch);
        List<Pending<T>> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(queue.poll());
        }
        return batch;
    }

    private void flush(List<Pending<T>> batch, int slot) {
        long started = clock.getAsLong();
        batchSizes.record(batch.size());
        List<T> items = new ArrayList<>(batch.size());
        for (Pending<T> p : batch) {
            items.add(p.item());
        }
        Uni<Void> commit;
        try {
            commit = write.apply(items, slot);
        } catch (RuntimeException e) {
            commit = Uni.createFrom().failure(e);
        }
        commit.subscribe().with(done -> {
            commitTimer.record(clock.getAsLong() - started, TimeUnit.NANOSECONDS);
            succeeded();
            batch.forEach(p -> p.promise().tryComplete());
            next(slot);
        }, failure -> {
            failedAt(clock.getAsLong());
            LOG.warnf("%s commit of %d records failed: %s", name, batch.size(), failure.toString());
            batch.forEach(p -> p.promise().tryFail(failure));
            next(slot);
        });
    }

    private void next(int slot) {
        List<Pending<T>> batch;
        synchronized (this) {
            if (queue.isEmpty()) {
                inFlight.set(slot, null);
                freeSlots.add(slot);
                return;
            }
            batch = drain();
            inFlight.set(slot, new InFlight<>(batch, clock.getAsLong()));
        }
        flush(batch, slot);
    }

    private void succeeded() {
        failed = false;
    }

    private void failedAt(long nanos) {
        lastFailureNanos = nanos;
        failed = true;
    }
}

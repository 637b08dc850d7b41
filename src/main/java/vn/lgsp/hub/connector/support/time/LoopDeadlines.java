package vn.lgsp.hub.connector.support.time;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deadlines for the many timeouts of a call that almost never fire (an answer's head, a body
 * that stalls), kept per event loop and checked every {@link #TICK_MILLIS} by one periodic timer
 * instead of one Vert.x timer set and cancelled per call: those cost a tenth of the event loop's
 * time on the routing path. A deadline fires between its time and one tick later, on the
 * context that scheduled it.
 *
 * <p>Threading: schedule on an event-loop thread (a deadline belongs to that loop; off an event
 * loop a plain Vert.x timer is used instead); cancel from any thread.
 */
public final class LoopDeadlines {

    /** How often due deadlines are looked for: their precision. */
    public static final long TICK_MILLIS = 25;

    private static final ThreadLocal<LoopDeadlines> ON_THIS_LOOP = new ThreadLocal<>();

    private final Vertx vertx;
    /** Concurrent only so that a cancel from another thread (a connection on another loop) is safe. */
    private final Set<Entry> pending = ConcurrentHashMap.newKeySet();
    private long periodic = -1;

    private LoopDeadlines(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A cancellable deadline. */
    public interface Deadline {
        /** Whether the deadline had not fired yet (and now never will). */
        boolean cancel();
    }

    /** Runs {@code onExpiry} once {@code delayMillis} have passed, unless cancelled first. */
    public static Deadline schedule(Vertx vertx, long delayMillis, Runnable onExpiry) {
        if (!Context.isOnEventLoopThread()) {
            long timer = vertx.setTimer(Math.max(1, delayMillis), id -> onExpiry.run());
            return () -> vertx.cancelTimer(timer);
        }
        LoopDeadlines loop = ON_THIS_LOOP.get();
        if (loop == null || loop.vertx != vertx) {
            loop = new LoopDeadlines(vertx);
            ON_THIS_LOOP.set(loop);
        }
        return loop.add(System.nanoTime() + Math.max(1, delayMillis) * 1_000_000, onExpiry);
    }

    private Entry add(long dueNanos, Runnable onExpiry) {
        Entry entry = new Entry(dueNanos, onExpiry, Vertx.currentContext());
        pending.add(entry);
        if (periodic < 0) {
            periodic = vertx.setPeriodic(TICK_MILLIS, id -> sweep());
        }
        return entry;
    }

    private void sweep() {
        if (pending.isEmpty()) {
            vertx.cancelTimer(periodic);
            periodic = -1;
            return;
        }
        long now = System.nanoTime();
        List<Entry> due = null;
        for (Entry entry : pending) {
            if (now - entry.dueNanos >= 0) {
                (due == null ? due = new ArrayList<>() : due).add(entry);
            }
        }
        if (due == null) {
            return;
        }
        for (Entry entry : due) {
            if (pending.remove(entry)) {
                entry.fire();
            }
        }
    }

    private final class Entry implements Deadline {
        private final long dueNanos;
        private final Runnable onExpiry;
        private final Context context;

        Entry(long dueNanos, Runnable onExpiry, Context context) {
            this.dueNanos = dueNanos;
            this.onExpiry = onExpiry;
            this.context = context;
        }

        void fire() {
            if (context == null || context == Vertx.currentContext()) {
                onExpiry.run();
            } else {
                context.runOnContext(v -> onExpiry.run());
            }
        }

        @Override
        public boolean cancel() {
            return pending.remove(this);
        }
    }
}

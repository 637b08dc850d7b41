package vn.lgsp.hub.resilience;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import vn.lgsp.hub.connector.support.time.LoopDeadlines;
import vn.lgsp.hub.exchange.ForwardingStream;

import java.util.concurrent.TimeoutException;

/**
 * Fails a body that stops moving, whichever side stalls: the writer (a provider that sends its
 * headers and then nothing, a caller that trickles its body) after {@code idleMillis} without a
 * buffer while the reader wants one; the reader (a caller who reads the answer a byte every few
 * seconds, keeping the stream paused) after {@code pausedMillis} of one pause; and, when set,
 * the whole body after {@code totalMillis}. Without these a stalled side would hold the
 * provider's connection, the consumer's bulkhead slot and a breaker's half-open trial for ever.
 * One deadline per stream ({@link LoopDeadlines}: no Vert.x timer per call), re-armed when it
 * fires rather than once per buffer. Event-loop only.
 */
final class IdleGuardStream extends ForwardingStream {

    private final Vertx vertx;
    private final long idleMillis;
    private final long pausedMillis;
    private final long totalMillis;
    private final String what;
    private final long started = System.nanoTime();
    private Handler<Throwable> exceptionHandler;
    private LoopDeadlines.Deadline timer;
    private long timerDue;
    private long lastActivity = started;
    private long pausedSince;
    private boolean paused;
    private boolean finished;
    private boolean timedOut;
    private boolean ended;

    /** {@code pausedMillis} and {@code totalMillis}: 0 for no bound; {@code what} names the body in the failure. */
    IdleGuardStream(ReadStream<Buffer> source, Vertx vertx, long idleMillis, long pausedMillis, long totalMillis, String what) {
        super(source);
        this.vertx = vertx;
        this.idleMillis = idleMillis;
        this.pausedMillis = pausedMillis;
        this.totalMillis = totalMillis;
        this.what = what;
    }

    /** Whether this guard, not the body's own end or failure, stopped the stream. */
    boolean timedOut() {
        return timedOut;
    }

    /** Whether the body came to its end. */
    boolean ended() {
        return ended;
    }

    /** Stops watching (the exchange is decided); a deadline already passed stays {@link #timedOut()}. */
    void disarm() {
        finished = true;
        cancel();
    }

    /**
     * Makes sure a timer fires by the nearest deadline. A pending timer that fires earlier is
     * kept (it re-checks and re-arms), so the common pause-then-resume of a fast pipe costs no
     * timer churn.
     */
    private void arm() {
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        long next = untilNextDeadline(now);
        if (next < 0) {
            return;
        }
        long due = now + Math.max(1, next) * 1_000_000;
        if (timer != null) {
            if (timerDue <= due) {
                return;
            }
            timer.cancel();
        }
        timerDue = due;
        timer = LoopDeadlines.schedule(vertx, Math.max(1, next), this::check);
    }

    /** Milliseconds to the nearest deadline now in force, or -1 if none is. */
    private long untilNextDeadline(long now) {
        long next = Long.MAX_VALUE;
        if (!paused) {
            next = Math.min(next, idleMillis - millis(now - lastActivity));
        } else if (pausedMillis > 0) {
            next = Math.min(next, pausedMillis - millis(now - pausedSince));
        }
        if (totalMillis > 0) {
            next = Math.min(next, totalMillis - millis(now - started));
        }
        return next == Long.MAX_VALUE ? -1 : Math.max(0, next);
    }

    private void check() {
        timer = null;
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        String stalled = null;
        if (totalMillis > 0 && millis(now - started) >= totalMillis) {
            stalled = what + " took longer than " + totalMillis + " ms";
        } else if (!paused && millis(now - lastActivity) >= idleMillis) {
            stalled = what + " stalled for " + idleMillis + " ms";
        } else if (paused && pausedMillis > 0 && millis(now - pausedSince) >= pausedMillis) {
            stalled = "the reader of " + what + " stopped reading for " + pausedMillis + " ms";
        }
        if (stalled == null) {
            arm();
            return;
        }
        finished = true;
        timedOut = true;
        source.handler(null);
        if (exceptionHandler != null) {
            exceptionHandler.handle(new TimeoutException(stalled));
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler == null ? null : e -> {
            finished = true;
            cancel();
            handler.handle(e);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            cancel();
            return this;
        }
        source.handler(buffer -> {
            lastActivity = System.nanoTime();
            handler.handle(buffer);
        });
        lastActivity = System.nanoTime();
        arm();
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        if (!paused) {
            paused = true;
            pausedSince = System.nanoTime();
            arm();
        }
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        if (paused) {
            paused = false;
            lastActivity = System.nanoTime();
            arm();
        }
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        if (paused) {
            // fetch on a paused stream asks for a few buffers: the reader is reading.
            pausedSince = System.nanoTime();
            lastActivity = pausedSince;
        }
        arm();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        source.endHandler(handler == null ? null : v -> {
            finished = true;
            ended = true;
            cancel();
            handler.handle(v);
        });
        return this;
    }
}

package vn.lgsp.hub.resilience;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import vn.lgsp.hub.exchange.ForwardingStream;

import java.util.concurrent.TimeoutException;

/**
 * Fails a provider's answer that stops moving: a provider that sends its headers and then
 * stalls would otherwise hold the caller's connection for ever. The clock restarts with every
 * buffer, and pauses while the caller is the slow side (the stream is paused then).
 */
final class IdleGuardStream extends ForwardingStream {

    private final Vertx vertx;
    private final long idleMillis;
    private Handler<Throwable> exceptionHandler;
    private long timer = -1;
    private long lastActivity;
    private boolean paused;
    private boolean finished;

    IdleGuardStream(ReadStream<Buffer> source, Vertx vertx, long idleMillis) {
        super(source);
        this.vertx = vertx;
        this.idleMillis = idleMillis;
    }

    /** Notes activity; one timer per stream re-checks when it fires rather than one timer per buffer. */
    private void arm() {
        lastActivity = System.nanoTime();
        if (timer < 0 && !paused && !finished) {
            schedule(idleMillis);
        }
    }

    private void schedule(long delayMillis) {
        timer = vertx.setTimer(Math.max(1, delayMillis), id -> {
            timer = -1;
            if (paused || finished) {
                return;
            }
            long idle = (System.nanoTime() - lastActivity) / 1_000_000;
            if (idle < idleMillis) {
                schedule(idleMillis - idle);
                return;
            }
            finished = true;
            source.handler(null);
            if (exceptionHandler != null) {
                exceptionHandler.handle(new TimeoutException("the provider's answer stalled for " + idleMillis + " ms"));
            }
        });
    }

    private void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
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
            arm();
            handler.handle(buffer);
        });
        arm();
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        cancel();
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        source.resume();
        arm();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        arm();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        source.endHandler(handler == null ? null : v -> {
            finished = true;
            cancel();
            handler.handle(v);
        });
        return this;
    }
}

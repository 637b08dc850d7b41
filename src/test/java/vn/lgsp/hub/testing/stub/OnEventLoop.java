package vn.lgsp.hub.testing.stub;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs connector calls on an event loop, as the hub does, and blocks the test thread (never the
 * loop) for the outcome.
 */
public final class OnEventLoop {

    private OnEventLoop() {
    }

    public static <T> Future<T> start(Vertx vertx, Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    public static <T> T result(Vertx vertx, Supplier<Future<T>> action) throws Exception {
        return await(start(vertx, action));
    }

    /** The failure of {@code action}; fails the test when it succeeds. */
    public static Throwable failure(Vertx vertx, Supplier<Future<?>> action) throws Exception {
        try {
            Object value = await(start(vertx, action::get));
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Reads a whole body stream (a connector's answer) on an event loop. */
    public static Buffer body(Vertx vertx, ReadStream<Buffer> stream) throws Exception {
        return result(vertx, () -> {
            Promise<Buffer> promise = Promise.promise();
            Buffer collected = Buffer.buffer();
            stream.exceptionHandler(promise::tryFail);
            stream.endHandler(v -> promise.tryComplete(collected));
            stream.handler(collected::appendBuffer);
            stream.resume();
            return promise.future();
        });
    }
}

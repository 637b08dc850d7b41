package vn.lgsp.hub.connector.support.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.concurrent.TimeoutException;

/**
 * Buffers a stream whole, for protocols that must see all of a body (format conversion, fault
 * detection). Stops reading and fails with {@link BodyTooLargeException} as soon as the limit is
 * passed, so an oversized body never sits in memory.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static Future<Buffer> collect(ReadStream<Buffer> stream, long maxBytes) {
        return collect(stream, maxBytes, null, 0);
    }

    /**
     * As {@link #collect(ReadStream, long)}, and fails with {@link TimeoutException} when no
     * buffer arrives for {@code idleMillis} (on {@code vertx}'s timers): a body buffered whole
     * has no reader downstream to notice a writer that stalled.
     */
    public static Future<Buffer> collect(ReadStream<Buffer> stream, long maxBytes, Vertx vertx, long idleMillis) {
        Promise<Buffer> promise = Promise.promise();
        Buffer collected = Buffer.buffer();
        long[] lastChunk = {System.nanoTime()};
        if (vertx != null && idleMillis > 0) {
            watch(vertx, idleMillis, idleMillis, lastChunk, promise, stream);
        }
        stream.exceptionHandler(promise::tryFail);
        stream.endHandler(v -> promise.tryComplete(collected));
        stream.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            lastChunk[0] = System.nanoTime();
            if ((long) collected.length() + chunk.length() > maxBytes) {
                stream.pause();
                stream.handler(null);
                stream.endHandler(null);
                promise.tryFail(new BodyTooLargeException(maxBytes));
                return;
            }
            collected.appendBuffer(chunk);
        });
        stream.resume();
        return promise.future();
    }

    private static void watch(Vertx vertx, long idleMillis, long delay, long[] lastChunk, Promise<Buffer> promise,
                              ReadStream<Buffer> stream) {
        vertx.setTimer(Math.max(1, delay), id -> {
            if (promise.future().isComplete()) {
                return;
            }
            long idle = (System.nanoTime() - lastChunk[0]) / 1_000_000;
            if (idle < idleMillis) {
                watch(vertx, idleMillis, idleMillis - idle, lastChunk, promise, stream);
                return;
            }
            stream.handler(null);
            stream.endHandler(null);
            promise.tryFail(new TimeoutException("no part of the body for " + idleMillis + " ms"));
        });
    }
}

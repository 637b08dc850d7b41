package vn.lgsp.hub.connector.support.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Buffers a stream whole, for protocols that must see all of a body (format conversion, fault
 * detection). Stops reading and fails with {@link BodyTooLargeException} as soon as the limit is
 * passed, so an oversized body never sits in memory.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    public static Future<Buffer> collect(ReadStream<Buffer> stream, long maxBytes) {
        Promise<Buffer> promise = Promise.promise();
        Buffer collected = Buffer.buffer();
        stream.exceptionHandler(promise::tryFail);
        stream.endHandler(v -> promise.tryComplete(collected));
        stream.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
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
}

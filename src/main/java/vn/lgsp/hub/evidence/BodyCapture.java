package vn.lgsp.hub.evidence;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import vn.lgsp.hub.exchange.ForwardingStream;

/**
 * Passes a body through and keeps a copy of it, up to {@code limit} bytes: past the limit the copy
 * is dropped (a part of a body proves nothing) and the body only counted, so that one large
 * answer cannot hold the hub's memory. Used on one event loop, as the stream it wraps.
 */
final class BodyCapture extends ForwardingStream {

    private final long limit;
    private Buffer copy = Buffer.buffer();
    private long seen;
    private boolean ended;

    BodyCapture(ReadStream<Buffer> source, long limit) {
        super(source);
        this.limit = limit;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        source.handler(handler == null ? null : buffer -> {
            seen += buffer.length();
            if (copy != null) {
                if (seen > limit) {
                    copy = null;
                } else {
                    copy.appendBuffer(buffer);
                }
            }
            handler.handle(buffer);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        source.endHandler(handler == null ? null : v -> {
            ended = true;
            handler.handle(v);
        });
        return this;
    }

    /** The whole body once it ended within the limit; null while it streams, if cut off, or over the limit. */
    byte[] body() {
        return ended && copy != null ? copy.getBytes() : null;
    }

    /** Bytes that went by. */
    long size() {
        return seen;
    }

    boolean ended() {
        return ended;
    }
}

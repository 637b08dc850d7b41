package vn.lgsp.hub.resilience;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import vn.lgsp.hub.exchange.ForwardingStream;

/**
 * Passes a stream through while counting it, and fails it the moment it goes past
 * {@code maxBytes}: bodies are limited while they stream, never by buffering them first.
 */
final class LimitedStream extends ForwardingStream {

    /** The body went past its limit; {@link #limit()} says which. */
    static final class TooLarge extends RuntimeException {
        private final long limit;

        TooLarge(long limit) {
            super("body exceeds " + limit + " bytes", null, false, false);
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    private final long maxBytes;
    private long bytes;
    private boolean exceeded;
    private Handler<Throwable> exceptionHandler;
    private Handler<Void> endHandler;

    LimitedStream(ReadStream<Buffer> source, long maxBytes) {
        super(source);
        this.maxBytes = maxBytes;
    }

    long bytes() {
        return bytes;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(buffer -> {
            if (exceeded) {
                return;
            }
            bytes += buffer.length();
            if (bytes > maxBytes) {
                exceeded = true;
                source.handler(null);
                source.endHandler(null);
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new TooLarge(maxBytes));
                }
                return;
            }
            handler.handle(buffer);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        source.endHandler(handler == null ? null : v -> {
            if (!exceeded) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}

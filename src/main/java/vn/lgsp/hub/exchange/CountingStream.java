package vn.lgsp.hub.exchange;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Counts the bytes of a body as they pass. */
final class CountingStream extends ForwardingStream {

    private long bytes;

    CountingStream(ReadStream<Buffer> source) {
        super(source);
    }

    long bytes() {
        return bytes;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        source.handler(handler == null ? null : buffer -> {
            bytes += buffer.length();
            handler.handle(buffer);
        });
        return this;
    }
}

package vn.lgsp.hub.exchange;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A body stream that passes everything to the stream it wraps; subclasses watch the data that
 * goes by (count it, digest it, time it) by overriding what they need.
 */
public abstract class ForwardingStream implements ReadStream<Buffer> {

    protected final ReadStream<Buffer> source;

    protected ForwardingStream(ReadStream<Buffer> source) {
        this.source = source;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        source.handler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        source.endHandler(handler);
        return this;
    }
}

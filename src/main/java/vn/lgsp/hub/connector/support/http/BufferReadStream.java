package vn.lgsp.hub.connector.support.http;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A body already in memory, offered as a paused {@link ReadStream} so it can take the place of
 * a streamed body (a converted answer, a re-emitted SOAP fault). Emits in 64 KiB slices on its
 * context and honours pause/fetch, so piping it respects back-pressure.
 */
public final class BufferReadStream implements ReadStream<Buffer> {

    private static final int SLICE = 64 * 1024;

    private final Context context;
    private final Buffer data;
    private int position;
    private long demand;
    private boolean ended;
    private boolean scheduled;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;

    public BufferReadStream(Context context, Buffer data) {
        this.context = context;
        this.data = data;
    }

    @Override
    public synchronized ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        // An in-memory body cannot fail.
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        schedule();
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public synchronized ReadStream<Buffer> fetch(long amount) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        schedule();
        return this;
    }

    @Override
    public synchronized ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        schedule();
        return this;
    }

    private void schedule() {
        if (!scheduled && !ended) {
            scheduled = true;
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        while (true) {
            Handler<Buffer> dataHandler;
            Handler<Void> end = null;
            Buffer slice = null;
            synchronized (this) {
                scheduled = false;
                dataHandler = handler;
                if (position < data.length()) {
                    if (demand == 0 || dataHandler == null) {
                        return;
                    }
                    int to = Math.min(data.length(), position + SLICE);
                    slice = data.getBuffer(position, to);
                    position = to;
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                } else if (!ended && endHandler != null && demand > 0) {
                    ended = true;
                    end = endHandler;
                } else {
                    return;
                }
            }
            // Handlers run outside the lock: they may call pause/fetch re-entrantly.
            if (slice != null) {
                dataHandler.handle(slice);
            } else {
                end.handle(null);
                return;
            }
        }
    }
}

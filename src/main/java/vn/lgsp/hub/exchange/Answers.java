package vn.lgsp.hub.exchange;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import vn.lgsp.hub.connector.spi.ConnectorResponse;

/** What every road does with an answer's body it does not pass on. */
public final class Answers {

    private Answers() {
    }

    /**
     * Reads and drops an answer nobody will get, so the provider's connection can be reused. An
     * answer already read to its end is nothing to drop: Vert.x refuses new handlers on it, and
     * that refusal is not a failure worth a log line.
     */
    public static void discard(ConnectorResponse response) {
        try {
            response.body().handler(buffer -> { });
            response.body().exceptionHandler(e -> { });
            response.body().resume();
        } catch (IllegalStateException alreadyRead) {
            // nothing left to drain
        }
    }

    /** Reads a whole body (an in-memory one, or one bounded by a size limit) into one buffer. */
    public static Future<Buffer> collect(ReadStream<Buffer> body) {
        Promise<Buffer> read = Promise.promise();
        Buffer all = Buffer.buffer();
        body.exceptionHandler(read::tryFail).handler(all::appendBuffer).endHandler(v -> read.tryComplete(all));
        body.resume();
        return read.future();
    }
}

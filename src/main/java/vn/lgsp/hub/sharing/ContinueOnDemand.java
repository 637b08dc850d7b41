package vn.lgsp.hub.sharing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import vn.lgsp.hub.exchange.ForwardingStream;

/**
 * Answers {@code Expect: 100-continue} when the body is first asked for, that is once the pipeline
 * decided the call goes to a provider: clients that wait for it (.NET, curl) do not stall on every
 * POST, and a call refused before then is answered without its body ever being sent.
 */
final class ContinueOnDemand extends ForwardingStream {

    private final HttpServerRequest request;
    private boolean continued;

    private ContinueOnDemand(HttpServerRequest request) {
        super(request);
        this.request = request;
    }

    static ReadStream<Buffer> of(HttpServerRequest request) {
        String expect = request.getHeader("Expect");
        return expect != null && expect.trim().equalsIgnoreCase("100-continue") ? new ContinueOnDemand(request) : request;
    }

    @Override
    public ReadStream<Buffer> resume() {
        sendContinue();
        return super.resume();
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        sendContinue();
        return super.fetch(amount);
    }

    private void sendContinue() {
        if (!continued && !request.response().headWritten() && !request.response().closed()) {
            continued = true;
            request.response().writeContinue();
        }
    }
}

package vn.lgsp.hub.sharing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One sharing request on its way through the pipeline: what the caller asked, and what the
 * stages learned (who calls, where it goes). Confined to the request's event loop, so it needs
 * no locking.
 */
public final class SharingExchange {

    private final HttpServerRequest request;
    private final String transactionId;
    private final String providerCode;
    private final String serviceCode;
    private final String path;
    private final Instant receivedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Context context = Vertx.currentContext();

    private MultiMap forwardHeaders;
    private ReadStream<Buffer> body;
    private long bodyLength;
    private String consumer;
    private Route route;
    private long requestOutNanos;
    private long responseInNanos;
    private LongSupplier requestBytes = () -> 0;
    private LongSupplier responseBytes = () -> 0;
    private final List<Consumer<Completion>> completionListeners = new ArrayList<>(2);

    /**
     * How the answer's delivery ended: {@code delivered} false when the body was cut off (provider
     * or caller failed mid-stream, or the size limit was hit).
     */
    public record Completion(boolean delivered, long responseBytes, long completedNanos) {
    }

    SharingExchange(HttpServerRequest request, String transactionId, String providerCode, String serviceCode, String path,
                    MultiMap forwardHeaders, long bodyLength) {
        this.request = request;
        this.transactionId = transactionId;
        this.providerCode = providerCode;
        this.serviceCode = serviceCode;
        this.path = path;
        this.forwardHeaders = forwardHeaders;
        this.body = request;
        this.bodyLength = bodyLength;
    }

    /**
     * Continues on this request's event loop once {@code stage} completes (caches complete
     * elsewhere). A stage already complete, the usual case of a cache hit, continues at once,
     * without a trip through the event loop's task queue.
     */
    public <T> Future<T> onLoop(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (future.isDone()) {
            try {
                return Future.succeededFuture(future.join());
            } catch (CompletionException | CancellationException e) {
                return Future.failedFuture(e.getCause() != null ? e.getCause() : e);
            }
        }
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }

    public Context context() {
        return context;
    }

    public HttpServerRequest request() {
        return request;
    }

    public String method() {
        return request.method().name();
    }

    public String transactionId() {
        return transactionId;
    }

    public String traceparent() {
        return request.getHeader("traceparent");
    }

    public String providerCode() {
        return providerCode;
    }

    public String serviceCode() {
        return serviceCode;
    }

    /** The path below the service, starting with {@code /}; checked free of traversal. */
    public String path() {
        return path;
    }

    public String rawQuery() {
        return request.query();
    }

    /** A version the caller pinned with {@code X-LGSP-Service-Version}, or null for the newest published. */
    public String requestedVersion() {
        return request.getHeader(SharingHeaders.SERVICE_VERSION);
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public long startNanos() {
        return startNanos;
    }

    public MultiMap forwardHeaders() {
        return forwardHeaders;
    }

    public ReadStream<Buffer> body() {
        return body;
    }

    public long bodyLength() {
        return bodyLength;
    }

    /** Replaces the body stream, e.g. with one that counts or limits it. */
    public void body(ReadStream<Buffer> body, long length) {
        this.body = body;
        this.bodyLength = length;
    }

    public boolean hasBody() {
        return bodyLength > 0 || (bodyLength < 0 && request.headers().contains("Transfer-Encoding"));
    }

    /** When the request went to the provider (System.nanoTime), 0 if it never did. */
    public long requestOutNanos() {
        return requestOutNanos;
    }

    void markRequestOut() {
        requestOutNanos = System.nanoTime();
    }

    /** When the provider's answer (or failure) arrived (System.nanoTime), 0 if never. */
    public long responseInNanos() {
        return responseInNanos;
    }

    void markResponseIn() {
        responseInNanos = System.nanoTime();
    }

    /** Bytes of the request body that went through so far. */
    public long requestBytes() {
        return requestBytes.getAsLong();
    }

    void requestBytes(LongSupplier counter) {
        this.requestBytes = counter;
    }

    /** Bytes of the answer's body sent to the caller so far. */
    public long responseBytes() {
        return responseBytes.getAsLong();
    }

    void responseBytes(LongSupplier counter) {
        this.responseBytes = counter;
    }

    /** Runs {@code listener} once the answer was fully sent or cut off. */
    public void onCompletion(Consumer<Completion> listener) {
        completionListeners.add(listener);
    }

    void completed(boolean delivered) {
        Completion completion = new Completion(delivered, responseBytes(), System.nanoTime());
        completionListeners.forEach(listener -> listener.accept(completion));
        completionListeners.clear();
    }

    public String consumer() {
        return consumer;
    }

    void consumer(String consumer) {
        this.consumer = consumer;
    }

    public Route route() {
        return route;
    }

    void route(Route route) {
        this.route = route;
    }
}

package vn.lgsp.hub.exchange;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import vn.lgsp.hub.connector.spi.ConnectorResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One call the hub makes to a provider on someone's behalf, on its way through the
 * {@link ExchangePipeline}: what was asked (fixed when the road builds it), and the facts stages
 * establish on the way ({@link Facts#CONSUMER}, {@link Facts#ROUTE}, a grant, ...). A fact is set
 * once and never changed; reading one that no stage established yet is a programming error in
 * the stage order ({@link StageId}) and fails loudly instead of reading a default.
 *
 * <p>Confined to the event loop of the call's context, so it needs no locking.
 */
public final class Exchange {

    private final Road road;
    private final String transactionId;
    private final String correlationId;
    private final String traceparent;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final String providerCode;
    private final String serviceCode;
    private final String requestedVersion;
    private final HttpServerRequest inbound;
    private final MultiMap forwardHeaders;
    private final Function<Exchange, CompletionStage<Route>> routeSource;
    private final Function<Exchange, Future<ConnectorResponse>> terminal;
    private final Instant receivedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Context context;
    private final CountingStream countedBody;
    private final long knownRequestBytes;

    private ReadStream<Buffer> body;
    private final long bodyLength;
    private final Map<Fact<?>, Object> facts = new IdentityHashMap<>(4);
    private long requestOutNanos;
    private long responseInNanos;
    private final List<Consumer<Completion>> completionListeners = new ArrayList<>(2);
    private Completion completion;

    /**
     * How the answer's delivery ended, as the road saw it: {@code delivered} false when the body
     * was cut off (provider or caller failed mid-stream, or a size limit was hit), with the bytes
     * of the answer's body that reached the caller.
     */
    public record Completion(boolean delivered, long responseBytes, long completedNanos) {
    }

    private Exchange(Builder b) {
        this.road = Objects.requireNonNull(b.road, "road");
        this.transactionId = Objects.requireNonNull(b.transactionId, "transactionId");
        this.correlationId = b.correlationId;
        this.traceparent = b.traceparent;
        this.method = Objects.requireNonNull(b.method, "method");
        this.path = b.path == null ? "/" : b.path;
        this.rawQuery = b.rawQuery;
        this.providerCode = b.providerCode;
        this.serviceCode = b.serviceCode;
        this.requestedVersion = b.requestedVersion;
        this.inbound = b.inbound;
        this.forwardHeaders = b.forwardHeaders == null ? MultiMap.caseInsensitiveMultiMap() : b.forwardHeaders;
        this.routeSource = b.routeSource;
        this.terminal = b.terminal;
        this.context = b.context != null ? b.context : Vertx.currentContext();
        this.bodyLength = b.bodyLength;
        // Counted at the outermost layer, so every stage reads the same figure whatever it wraps later.
        this.countedBody = b.body == null ? null : new CountingStream(b.body);
        this.body = countedBody;
        this.knownRequestBytes = b.body == null ? Math.max(0, b.bodyLength) : -1;
        if (b.consumer != null) {
            establish(Facts.CONSUMER, b.consumer);
        }
        if (b.route != null) {
            establish(Facts.ROUTE, b.route);
        }
    }

    public static Builder on(Road road, String transactionId) {
        return new Builder(road, transactionId);
    }

    /**
     * Continues on this call's event loop once {@code stage} completes (caches complete
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

    // ---- facts -------------------------------------------------------------------------------

    /** Records what a stage established; a fact is established once. */
    public <T> void establish(Fact<T> fact, T value) {
        Objects.requireNonNull(value, fact.name());
        Object previous = facts.putIfAbsent(fact, value);
        if (previous != null) {
            throw new IllegalStateException("fact " + fact.name() + " was already established");
        }
    }

    /** A fact some earlier stage established; failing when none did (see {@link StageId} for the order). */
    public <T> T get(Fact<T> fact) {
        Object value = facts.get(fact);
        if (value == null) {
            throw new IllegalStateException("fact " + fact.name() + " is not established yet on the " + road.wire()
                    + " road: a stage reads it before the stage that establishes it ran");
        }
        return fact.type().cast(value);
    }

    /** A fact if some stage established it, else null: for facts that only some calls have. */
    public <T> T find(Fact<T> fact) {
        Object value = facts.get(fact);
        return value == null ? null : fact.type().cast(value);
    }

    public boolean has(Fact<?> fact) {
        return facts.containsKey(fact);
    }

    /** The calling system's code ({@link Facts#CONSUMER}). */
    public String consumer() {
        return get(Facts.CONSUMER);
    }

    /** Where the call goes ({@link Facts#ROUTE}). */
    public Route route() {
        return get(Facts.ROUTE);
    }

    // ---- what was asked ----------------------------------------------------------------------

    public Road road() {
        return road;
    }

    public Context context() {
        return context;
    }

    /** The caller's request, for roads with a waiting caller; null for the hub's own calls (pushes). */
    public HttpServerRequest inbound() {
        return inbound;
    }

    /** The caller's address, or null when the hub itself started the call. */
    public String sourceIp() {
        SocketAddress remote = inbound == null ? null : inbound.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    public String method() {
        return method;
    }

    public String transactionId() {
        return transactionId;
    }

    /** The caller's own id for this call (its {@code X-Transaction-Id}, never adopted as the hub's), or null. */
    public String correlationId() {
        return correlationId;
    }

    public String traceparent() {
        return traceparent;
    }

    /** The provider asked for: from the road's URL, or the {@link Facts#ADDRESS} a stage looked up. */
    public String providerCode() {
        Address address = find(Facts.ADDRESS);
        return address == null ? providerCode : address.providerCode();
    }

    public String serviceCode() {
        Address address = find(Facts.ADDRESS);
        return address == null ? serviceCode : address.serviceCode();
    }

    /** The path below the service, starting with {@code /}; checked by the road. */
    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    /** A version the caller pinned, or null for the newest published. */
    public String requestedVersion() {
        Address address = find(Facts.ADDRESS);
        return address == null ? requestedVersion : address.version();
    }

    /** What the audit trail and problem documents name as the call's target. */
    public String target() {
        return method + " " + road.targetOf(this);
    }

    public Function<Exchange, CompletionStage<Route>> routeSource() {
        return routeSource;
    }

    Function<Exchange, Future<ConnectorResponse>> terminal() {
        return terminal;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Headers that go to the provider (the road already removed what must not). */
    public MultiMap forwardHeaders() {
        return forwardHeaders;
    }

    public ReadStream<Buffer> body() {
        return body;
    }

    public long bodyLength() {
        return bodyLength;
    }

    /** Wraps the body stream, e.g. to limit or digest it; the length stays what the caller declared. */
    public void wrapBody(Function<ReadStream<Buffer>, ReadStream<Buffer>> wrapper) {
        if (body != null) {
            body = wrapper.apply(body);
        }
    }

    /** A body declared (Content-Length above 0) or chunked (length -1). */
    public boolean hasBody() {
        return bodyLength != 0 && body != null;
    }

    /** Bytes of the request body that went through so far. */
    public long requestBytes() {
        return countedBody == null ? knownRequestBytes : countedBody.bytes();
    }

    // ---- timing and completion ---------------------------------------------------------------

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

    /** Runs {@code listener} once the road delivered the answer or gave up on it. */
    public void onCompletion(Consumer<Completion> listener) {
        if (completion != null) {
            listener.accept(completion);
        } else {
            completionListeners.add(listener);
        }
    }

    /** Called by the road, once, when the answer was fully delivered or cut off. */
    public void completed(boolean delivered, long responseBytes) {
        if (completion != null) {
            return;
        }
        completion = new Completion(delivered, responseBytes, System.nanoTime());
        completionListeners.forEach(listener -> listener.accept(completion));
        completionListeners.clear();
    }

    /** Builds an exchange; each road fills in what it knows before the pipeline runs. */
    public static final class Builder {
        private final Road road;
        private final String transactionId;
        private String correlationId;
        private String traceparent;
        private String method;
        private String path;
        private String rawQuery;
        private String providerCode;
        private String serviceCode;
        private String requestedVersion;
        private HttpServerRequest inbound;
        private MultiMap forwardHeaders;
        private ReadStream<Buffer> body;
        private long bodyLength;
        private String consumer;
        private Route route;
        private Function<Exchange, CompletionStage<Route>> routeSource;
        private Function<Exchange, Future<ConnectorResponse>> terminal;
        private Context context;

        private Builder(Road road, String transactionId) {
            this.road = road;
            this.transactionId = transactionId;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder traceparent(String traceparent) {
            this.traceparent = traceparent;
            return this;
        }

        public Builder call(String method, String path, String rawQuery) {
            this.method = method;
            this.path = path;
            this.rawQuery = rawQuery;
            return this;
        }

        public Builder target(String providerCode, String serviceCode, String requestedVersion) {
            this.providerCode = providerCode;
            this.serviceCode = serviceCode;
            this.requestedVersion = requestedVersion;
            return this;
        }

        /** The caller's request: the consumer is identified from it. */
        public Builder inbound(HttpServerRequest inbound) {
            this.inbound = inbound;
            return this;
        }

        public Builder forwardHeaders(MultiMap headers) {
            this.forwardHeaders = headers;
            return this;
        }

        /** The request body; {@code length} -1 when unknown (chunked). */
        public Builder body(ReadStream<Buffer> body, long length) {
            this.body = body;
            this.bodyLength = length;
            return this;
        }

        /** A consumer the road already knows (the subscriber of a push): it is not identified again. */
        public Builder consumer(String consumer) {
            this.consumer = consumer;
            return this;
        }

        /** A route the road already knows (a push's target): it is not resolved again. */
        public Builder route(Route route) {
            this.route = route;
            return this;
        }

        /** How this road finds its route once the consumer is known; unset: the registry's route table. */
        public Builder routeSource(Function<Exchange, CompletionStage<Route>> routeSource) {
            this.routeSource = routeSource;
            return this;
        }

        /** What answers at the end of the pipeline; unset: the route's connector. */
        public Builder terminal(Function<Exchange, Future<ConnectorResponse>> terminal) {
            this.terminal = terminal;
            return this;
        }

        public Builder context(Context context) {
            this.context = context;
            return this;
        }

        public Exchange build() {
            return new Exchange(this);
        }
    }
}

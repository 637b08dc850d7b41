package vn.lgsp.hub.connector.support.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import org.jboss.logging.Logger;
import vn.lgsp.hub.connector.spi.ConnectorContext;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.Egress;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.ProbeResult;
import vn.lgsp.hub.connector.spi.TlsSettings;
import vn.lgsp.hub.connector.support.time.LoopDeadlines;
import vn.lgsp.hub.connector.support.http.UpstreamFailure.Phase;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * The HTTP side shared by HTTP-based connectors: one pooled keep-alive HTTP/1.1 client per
 * endpoint, the endpoint's TLS and upstream auth, strict target resolution below the base path,
 * a time-to-first-byte bound, and failure classification.
 */
public final class UpstreamHttpClient implements AutoCloseable {

    public static final String OPTION_MAX_CONNECTIONS = "maxConnections";
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    private static final Logger LOG = Logger.getLogger(UpstreamHttpClient.class);
    /** Hop-by-hop and framing headers this client sets itself (RFC 9110 section 7.6.1). */
    private static final List<String> REPLACED_HEADERS = List.of(
            "host", "content-length", "transfer-encoding", "connection", "keep-alive", "te", "trailer",
            "upgrade", "proxy-connection", "proxy-authorization", "expect");

    private final String endpointId;
    private final EndpointAddress address;
    private final Vertx vertx;
    private final Egress egress;
    /** The last address the egress gave and its Vert.x form: the same one, call after call, for a literal address. */
    private volatile ResolvedServer lastServer;
    private final HttpClient client;
    private final UpstreamAuthenticator authenticator;
    private final long connectTimeoutMillis;
    private final long requestTimeoutMillis;

    private UpstreamHttpClient(EndpointSettings settings, ConnectorContext context) {
        this.endpointId = settings.id();
        this.address = EndpointAddress.of(settings.address());
        this.vertx = context.vertx();
        this.egress = context.egress();
        this.connectTimeoutMillis = settings.connectTimeout().toMillis();
        this.requestTimeoutMillis = settings.requestTimeout().toMillis();
        this.client = vertx.createHttpClient(clientOptions(settings), poolOptions(settings));
        UpstreamAuthenticator auth;
        try {
            auth = UpstreamAuthenticator.of(settings.auth(), client, settings.requestTimeout(), egress);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        this.authenticator = auth;
    }

    /** Creates the client; fails with IllegalArgumentException on settings validate() refuses. */
    public static UpstreamHttpClient create(EndpointSettings settings, ConnectorContext context) {
        return new UpstreamHttpClient(settings, context);
    }

    public EndpointAddress address() {
        return address;
    }

    public String endpointId() {
        return endpointId;
    }

    /**
     * Sends {@code call} and completes with the response head; the body is left paused for the
     * caller to read. Fails with {@link IllegalArgumentException} (before any I/O) when the
     * target would leave the base path, otherwise only with {@link ConnectorException}.
     */
    public Future<HttpClientResponse> send(UpstreamCall call) {
        String target;
        HttpMethod method;
        try {
            target = address.target(call.path(), call.rawQuery());
            method = HttpMethod.valueOf(call.method());
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        if (call.streamedBody() != null) {
            // Nothing may be read from the caller before the provider's connection is ready.
            call.streamedBody().pause();
        }
        Context context = vertx.getOrCreateContext();
        return onContext(context, egress.resolve(address.host(), address.port()))
                .compose(server -> onContext(context, authenticator.header()).map(authHeader -> requestOptions(method, target,
                        connectTimeoutMillis, server).setHeaders(headersFor(call, authHeader))))
                .compose(options -> client.request(options)
                        .recover(failure -> Future.failedFuture(UpstreamFailure.of(failure, Phase.CONNECT, endpointId)))
                        .compose(request -> awaitHead(request, call)));
    }

    /** GETs {@code target} (path below the base, optionally with {@code ?query}); never fails. */
    public Future<ProbeResult> probe(String target, Duration timeout, IntPredicate statusIsUp) {
        long started = System.nanoTime();
        String path = target;
        String query = null;
        int q = target == null ? -1 : target.indexOf('?');
        if (q >= 0) {
            path = target.substring(0, q);
            query = target.substring(q + 1);
        }
        String uri;
        try {
            uri = address.target(path, query);
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(ProbeResult.down(Duration.ZERO, "invalid probe target"));
        }
        Promise<ProbeResult> result = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()),
                id -> result.tryComplete(ProbeResult.down(since(started), "timeout")));
        egress.resolve(address.host(), address.port())
                .compose(server -> authenticator.header().map(authHeader -> Map.entry(server, Optional.ofNullable(authHeader))))
                .compose(resolved -> {
                    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
                    resolved.getValue().ifPresent(authHeader -> headers.set(authHeader.name(), authHeader.value()));
                    RequestOptions options = requestOptions(HttpMethod.GET, uri, Math.min(connectTimeoutMillis, timeout.toMillis()),
                            resolved.getKey())
                            .setHeaders(headers)
                            .setIdleTimeout(Math.max(1, timeout.toMillis()));
                    return client.request(options).compose(HttpClientRequest::send);
                })
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) {
                        HttpClientResponse response = ar.result();
                        // Drain and drop the body so the connection goes back to the pool.
                        response.handler(chunk -> { });
                        response.resume();
                        int status = response.statusCode();
                        result.tryComplete(statusIsUp.test(status)
                                ? ProbeResult.up(since(started))
                                : ProbeResult.down(since(started), "status " + status));
                    } else {
                        result.tryComplete(ProbeResult.down(since(started), probeDetail(ar.cause())));
                    }
                });
        return result.future();
    }

    @Override
    public void close() {
        client.close().onFailure(e -> LOG.debugf("closing client of endpoint %s: %s", endpointId, e.getMessage()));
    }

    private Future<HttpClientResponse> awaitHead(HttpClientRequest request, UpstreamCall call) {
        // Our own timer rather than the request idle timeout: the idle timeout would keep
        // running after the head and reset a response the hub is slow to read.
        AtomicBoolean timedOut = new AtomicBoolean();
        LoopDeadlines.Deadline deadline = LoopDeadlines.schedule(vertx, requestTimeoutMillis, () -> {
            timedOut.set(true);
            request.reset(0, new TimeoutException("no response head in time"));
        });
        Future<HttpClientResponse> sent;
        if (call.bufferedBody() != null) {
            sent = request.send(call.bufferedBody());
        } else if (call.streamedBody() != null && call.bodyLength() != 0) {
            request.setChunked(call.bodyLength() < 0);
            sent = request.send(call.streamedBody());
        } else {
            sent = request.send();
        }
        return sent.transform(ar -> {
            deadline.cancel();
            if (ar.succeeded() && !timedOut.get()) {
                HttpClientResponse response = ar.result();
                response.pause();
                if (response.statusCode() == 401) {
                    authenticator.invalidate();
                }
                return Future.succeededFuture(response);
            }
            if (ar.succeeded()) {
                ar.result().request().reset();
            }
            Throwable failure = timedOut.get() ? new TimeoutException() : ar.cause();
            return Future.failedFuture(UpstreamFailure.of(failure, Phase.AWAIT_HEAD, endpointId));
        });
    }

    private MultiMap headersFor(UpstreamCall call, AuthHeader authHeader) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (call.headers() != null) {
            headers.addAll(call.headers());
        }
        REPLACED_HEADERS.forEach(headers::remove);
        headers.set("X-Transaction-Id", call.transactionId());
        headers.remove("traceparent");
        if (call.traceparent() != null) {
            headers.set("traceparent", call.traceparent());
        }
        if (call.bufferedBody() != null || call.bodyLength() > 0) {
            headers.set("Content-Length", Long.toString(call.bodyLength()));
        }
        if (authHeader != null) {
            headers.set(authHeader.name(), authHeader.value());
        }
        return headers;
    }

    private record ResolvedServer(InetSocketAddress resolved, SocketAddress server) {
    }

    private SocketAddress server(InetSocketAddress resolved) {
        ResolvedServer last = lastServer;
        if (last != null && last.resolved() == resolved) {
            return last.server();
        }
        SocketAddress server = SocketAddress.inetSocketAddress(resolved);
        lastServer = new ResolvedServer(resolved, server);
        return server;
    }

    private RequestOptions requestOptions(HttpMethod method, String uri, long connectTimeout, InetSocketAddress server) {
        // Host (and TLS's server name) come from host and port; a caller's Host header never
        // reaches the provider. The connection goes to the address the egress policy checked.
        return new RequestOptions()
                .setMethod(method)
                .setHost(address.host())
                .setPort(address.port())
                .setServer(server(server))
                .setSsl(address.ssl())
                .setURI(uri)
                .setFollowRedirects(false)
                .setConnectTimeout(Math.max(1, connectTimeout));
    }

    private static String probeDetail(Throwable failure) {
        ConnectorException e = failure instanceof ConnectorException c ? c : UpstreamFailure.of(failure, Phase.AWAIT_HEAD, "");
        return switch (e.kind()) {
            case TIMEOUT -> "timeout";
            case CONNECT_FAILED -> "connect failed";
            case TLS_FAILED -> "tls failed";
            case UPSTREAM_AUTH_FAILED -> "auth failed";
            case BAD_RESPONSE -> "bad response";
            case EGRESS_REFUSED -> "egress refused";
        };
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Continues on {@code context}: a shared token refresh completes on whichever loop ran it. */
    private static <T> Future<T> onContext(Context context, Future<T> future) {
        if (future.isComplete()) {
            return future;
        }
        Promise<T> promise = Promise.promise();
        future.onComplete(ar -> {
            if (Vertx.currentContext() == context) {
                promise.handle(ar);
            } else {
                context.runOnContext(v -> promise.handle(ar));
            }
        });
        return promise.future();
    }

    private static HttpClientOptions clientOptions(EndpointSettings settings) {
        TlsSettings tls = settings.tls();
        HttpClientOptions options = new HttpClientOptions()
                .setName("endpoint-" + settings.id())
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .setSslHandshakeTimeout(settings.connectTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                // Bodies pass through byte for byte; the hub does not decode them.
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setVerifyHost(tls.verifyHostname())
                .setTrustAll(tls.trustAll());
        if (tls.caCertificatesPem() != null && !tls.caCertificatesPem().isBlank()) {
            options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(tls.caCertificatesPem())));
        }
        if (tls.clientCertificatePem() != null && tls.clientKeyPem() != null) {
            options.setKeyCertOptions(new PemKeyCertOptions()
                    .addCertValue(Buffer.buffer(tls.clientCertificatePem()))
                    .addKeyValue(Buffer.buffer(tls.clientKeyPem().reveal())));
        }
        return options;
    }

    private static PoolOptions poolOptions(EndpointSettings settings) {
        String configured = settings.options().get(OPTION_MAX_CONNECTIONS);
        int size = configured == null ? DEFAULT_MAX_CONNECTIONS : Integer.parseInt(configured.trim());
        if (size <= 0) {
            throw new IllegalArgumentException(OPTION_MAX_CONNECTIONS + " must be positive");
        }
        return new PoolOptions().setHttp1MaxSize(size);
    }
}

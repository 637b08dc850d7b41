package vn.lgsp.hub.testing.stub;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A provider stub on a loopback port: records every request it gets (head and whole body) and
 * answers through the given responder.
 */
public final class StubServer implements AutoCloseable {

    /** One request as the stub saw it. */
    public record Received(String method, String uri, MultiMap headers, Buffer body) {
    }

    private final HttpServer server;
    private final boolean ssl;
    private final AtomicInteger hits = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private StubServer(Vertx vertx, HttpServerOptions options, BiConsumer<Received, HttpServerResponse> responder)
            throws Exception {
        this.ssl = options.isSsl();
        this.server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0));
        server.requestHandler(request -> {
            hits.incrementAndGet();
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            request.body().onSuccess(body -> {
                Received r = new Received(request.method().name(), request.uri(), headers, body);
                received.add(r);
                responder.accept(r, request.response());
            });
        });
        OnEventLoop.await(server.listen());
    }

    public static StubServer start(Vertx vertx, BiConsumer<Received, HttpServerResponse> responder) throws Exception {
        return new StubServer(vertx, new HttpServerOptions(), responder);
    }

    public static StubServer start(Vertx vertx, HttpServerOptions options,
                                   BiConsumer<Received, HttpServerResponse> responder) throws Exception {
        return new StubServer(vertx, options, responder);
    }

    /** A stub that answers every request with {@code status}, {@code contentType} and {@code body}. */
    public static StubServer answering(Vertx vertx, int status, String contentType, String body) throws Exception {
        return start(vertx, (request, response) -> response.setStatusCode(status)
                .putHeader("Content-Type", contentType).end(body));
    }

    public int port() {
        return server.actualPort();
    }

    public URI uri(String path) {
        return URI.create((ssl ? "https://localhost:" : "http://127.0.0.1:") + port() + path);
    }

    public int hits() {
        return hits.get();
    }

    public List<Received> received() {
        return received;
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() throws Exception {
        OnEventLoop.await(server.close());
    }
}

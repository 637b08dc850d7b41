package vn.lgsp.hub.connectors.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorRequest;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.ProbeRequest;
import vn.lgsp.hub.connector.spi.ProbeResult;
import vn.lgsp.hub.connector.spi.TlsSettings;
import vn.lgsp.hub.connector.spi.UpstreamAuth;
import vn.lgsp.hub.testing.stub.Exchanges;
import vn.lgsp.hub.testing.stub.OnEventLoop;
import vn.lgsp.hub.testing.stub.SelfSignedCertificate;
import vn.lgsp.hub.testing.stub.StubServer;
import vn.lgsp.hub.testing.stub.TestConnectorContext;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpConnectorTest {

    private static Vertx vertx;
    private final HttpConnectorFactory factory = new HttpConnectorFactory();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        OnEventLoop.await(vertx.close());
    }

    private Connector connector(EndpointSettings settings) {
        assertEquals(java.util.List.of(), factory.validate(settings), "test settings must be valid");
        return factory.create(settings, new TestConnectorContext(vertx));
    }

    private ConnectorResponse exchange(Connector connector, ConnectorRequest request) throws Exception {
        return OnEventLoop.result(vertx, () -> connector.exchange(request));
    }

    private ConnectorException exchangeFailure(Connector connector, ConnectorRequest request) throws Exception {
        return assertInstanceOf(ConnectorException.class, OnEventLoop.failure(vertx, () -> connector.exchange(request)));
    }

    @Test
    void passesBodyAndHeadersBothWays() throws Exception {
        try (StubServer stub = StubServer.start(vertx, (request, response) -> response.setStatusCode(201)
                .putHeader("Content-Type", "application/json").putHeader("X-Provider", "so-tu-phap")
                .end("{\"echo\":" + request.body() + "}"));
             Connector connector = connector(Exchanges.endpoint("http", stub.uri("/api/v1")))) {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                    .add("Content-Type", "application/json").add("X-Custom", "gia-tri 1").add("Host", "hub.example");
            ConnectorResponse response = exchange(connector, Exchanges.request(vertx, "POST", "/citizens/42", "full=true&x=1",
                    headers, Exchanges.utf8("{\"name\":\"Nguyễn\"}"), Exchanges.restService()));

            StubServer.Received received = stub.last();
            assertEquals("POST", received.method());
            assertEquals("/api/v1/citizens/42?full=true&x=1", received.uri());
            assertEquals("{\"name\":\"Nguyễn\"}", received.body().toString());
            assertEquals("gia-tri 1", received.headers().get("X-Custom"));
            assertEquals(Exchanges.TRANSACTION_ID, received.headers().get("X-Transaction-Id"));
            assertEquals(Exchanges.TRACEPARENT, received.headers().get("traceparent"));
            assertEquals("127.0.0.1:" + stub.port(), received.headers().get("Host"));

            assertEquals(201, response.status());
            assertEquals("so-tu-phap", response.headers().get("X-Provider"));
            assertNull(response.fault());
            Buffer body = OnEventLoop.body(vertx, response.body());
            assertEquals("{\"echo\":{\"name\":\"Nguyễn\"}}", body.toString());
            assertEquals(body.length(), response.bodyLength());
        }
    }

    @Test
    void joinsPathsWithExactlyOneSlash() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "text/plain", "ok")) {
            for (String base : new String[] {"/base", "/base/"}) {
                try (Connector connector = connector(Exchanges.endpoint("http", stub.uri(base)))) {
                    exchange(connector, Exchanges.get(vertx, "/a/b", Exchanges.restService()));
                    assertEquals("/base/a/b", stub.last().uri());
                    exchange(connector, Exchanges.get(vertx, "/", Exchanges.restService()));
                    assertEquals("/base/", stub.last().uri());
                }
            }
            try (Connector connector = connector(Exchanges.endpoint("http", stub.uri("")))) {
                exchange(connector, Exchanges.get(vertx, "/x", Exchanges.restService()));
                assertEquals("/x", stub.last().uri());
            }
        }
    }

    @Test
    void refusesPathsThatWouldLeaveTheBaseWithoutIo() throws Exception {
        try (StubServer stub = StubServer.answering(vertx, 200, "text/plain", "ok");
             Connector connector = connector(Exchanges.endpoint("http", stub.uri("/base")))) {
            for (String path : new String[] {"/../admin", "/a/%2e%2e/admin", "/a/..", "//evil.example/x", "/a\\b", "relative"}) {
                Throwable failure = OnEventLoop.failure(vertx,
                        () -> connector.exchange(Exchanges.get(vertx, path, Exchanges.restService())));
                assertInstanceOf(IllegalArgumentException.class, failure, path);
            }
            assertEquals(0, stub.hits());
        }
    }

    @Test
    void passesProviderErrorsThroughUntouched() throws Exception {
        try (StubServer stub = StubServer.start(vertx, (request, response) -> {
            int status = request.uri().endsWith("/missing") ? 404 : 503;
            response.setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                    .putHeader("Retry-After", "7").end("{\"status\":" + status + "}");
        }); Connector connector = connector(Exchanges.endpoint("http", stub.uri("/api")))) {
            ConnectorResponse notFound = exchange(connector, Exchanges.get(vertx, "/missing", Exchanges.restService()));
            assertEquals(404, notFound.status());
            assertEquals("{\"status\":404}", OnEventLoop.body(vertx, notFound.body()).toString());
            ConnectorResponse unavailable = exchange(connector, Exchanges.get(vertx, "/busy", Exchanges.restService()));
            assertEquals(503, unavailable.status());
            assertEquals("7", unavailable.headers().get("Retry-After"));
            assertEquals("application/problem+json", unavailable.headers().get("Content-Type"));
            assertEquals("{\"status\":503}", OnEventLoop.body(vertx, unavailable.body()).toString());
        }
    }

    @Test
    void timesOutWhenNoResponseHeadArrives() throws Exception {
        try (StubServer stub = StubServer.start(vertx, (request, response) -> { /* never answers */ });
             Connector connector = connector(Exchanges.endpoint("http", stub.uri("/slow"), Duration.ofMillis(300),
                     TlsSettings.DEFAULT, UpstreamAuth.NONE, Map.of()))) {
            ConnectorException failure = exchangeFailure(connector,
                    Exchanges.request(vertx, "GET", "/x", "token=do-not-leak", null, Buffer.buffer(), Exchanges.restService()));
            assertEquals(ConnectorException.Kind.TIMEOUT, failure.kind());
            assertFalse(failure.getMessage().contains("do-not-leak"));
            assertEquals(1, stub.hits());
        }
    }

    @Test
    void reportsRefusedConnections() throws Exception {
        URI closed;
        try (StubServer stub = StubServer.answering(vertx, 200, "text/plain", "ok")) {
            closed = stub.uri("/api");
        }
        try (Connector connector = connector(Exchanges.endpoint("http", closed))) {
            ConnectorException failure = exchangeFailure(connector, Exchanges.get(vertx, "/x", Exchanges.restService()));
            assertEquals(ConnectorException.Kind.CONNECT_FAILED, failure.kind());
        }
    }

    @Test
    void streamsTwelveMebibytesBothWaysByteIdentical() throws Exception {
        byte[] upload = randomBytes(12 * 1024 * 1024, 1);
        byte[] download = randomBytes(12 * 1024 * 1024, 2);
        try (StubServer stub = StubServer.start(vertx, (request, response) -> {
            response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
            for (int offset = 0; offset < download.length; offset += 1024 * 1024) {
                response.write(Buffer.buffer(java.util.Arrays.copyOfRange(download, offset, offset + 1024 * 1024)));
            }
            response.end();
        }); Connector connector = connector(Exchanges.endpoint("http", stub.uri("/files")))) {
            for (long declared : new long[] {upload.length, -1}) {
                ConnectorResponse response = exchange(connector, Exchanges.request(vertx, "PUT", "/blob", null,
                        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/octet-stream"),
                        Buffer.buffer(upload), declared, Exchanges.restService()));
                StubServer.Received received = stub.last();
                assertEquals(sha256(upload), sha256(received.body().getBytes()));
                assertEquals(declared < 0 ? "chunked" : null, received.headers().get("Transfer-Encoding"));
                assertEquals(-1, response.bodyLength());
                assertEquals(sha256(download), sha256(OnEventLoop.body(vertx, response.body()).getBytes()));
            }
        }
    }

    @Test
    void trustsAProviderCaGivenAsPemAndFailsWithoutIt(@TempDir Path directory) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
        HttpServerOptions tlsOptions = new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(certificate.keyStore().toString())
                        .setPassword(certificate.password()));
        try (StubServer stub = StubServer.start(vertx, tlsOptions,
                (request, response) -> response.end("secure"))) {
            TlsSettings trusted = new TlsSettings(true, false, certificate.certificatePem(), null, null);
            try (Connector connector = connector(Exchanges.endpoint("http", stub.uri("/api"), Duration.ofSeconds(5),
                    trusted, UpstreamAuth.NONE, Map.of()))) {
                ConnectorResponse response = exchange(connector, Exchanges.get(vertx, "/x", Exchanges.restService()));
                assertEquals("secure", OnEventLoop.body(vertx, response.body()).toString());
            }
            try (Connector connector = connector(Exchanges.endpoint("http", stub.uri("/api")))) {
                ConnectorException failure = exchangeFailure(connector, Exchanges.get(vertx, "/x", Exchanges.restService()));
                assertEquals(ConnectorException.Kind.TLS_FAILED, failure.kind());
            }
            assertEquals(1, stub.hits());
        }
    }

    @Test
    void probesUpOn2xxAndDownOtherwise() throws Exception {
        try (StubServer stub = StubServer.start(vertx, (request, response) -> {
            if (request.uri().endsWith("/health")) {
                response.end("up");
            } else if (request.uri().endsWith("/sick")) {
                response.setStatusCode(503).end();
            }
            // anything else never answers
        }); Connector connector = connector(Exchanges.endpoint("http", stub.uri("/api")))) {
            ProbeResult up = OnEventLoop.result(vertx, () -> connector.probe(new ProbeRequest("/health", Duration.ofSeconds(2), null)));
            assertTrue(up.supported() && up.up());
            ProbeResult sick = OnEventLoop.result(vertx, () -> connector.probe(new ProbeRequest("/sick", Duration.ofSeconds(2), null)));
            assertFalse(sick.up());
            assertEquals("status 503", sick.detail());
            ProbeResult hung = OnEventLoop.result(vertx, () -> connector.probe(new ProbeRequest("/hung", Duration.ofMillis(200), null)));
            assertFalse(hung.up());
            assertEquals("timeout", hung.detail());
            assertEquals("/api/health", stub.received().get(0).uri());
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

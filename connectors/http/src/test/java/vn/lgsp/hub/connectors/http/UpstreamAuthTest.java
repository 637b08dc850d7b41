package vn.lgsp.hub.connectors.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.connector.spi.Connector;
import vn.lgsp.hub.connector.spi.ConnectorException;
import vn.lgsp.hub.connector.spi.ConnectorResponse;
import vn.lgsp.hub.connector.spi.EndpointSettings;
import vn.lgsp.hub.connector.spi.Secret;
import vn.lgsp.hub.connector.spi.TlsSettings;
import vn.lgsp.hub.connector.spi.UpstreamAuth;
import vn.lgsp.hub.testing.stub.Exchanges;
import vn.lgsp.hub.testing.stub.OnEventLoop;
import vn.lgsp.hub.testing.stub.StubServer;
import vn.lgsp.hub.testing.stub.TestConnectorContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class UpstreamAuthTest {

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

    private Connector connector(StubServer provider, UpstreamAuth auth) {
        EndpointSettings settings = Exchanges.endpoint("http", provider.uri("/api"), Duration.ofSeconds(5),
                TlsSettings.DEFAULT, auth, Map.of());
        assertEquals(List.of(), factory.validate(settings));
        return factory.create(settings, new TestConnectorContext(vertx));
    }

    private void call(Connector connector) throws Exception {
        ConnectorResponse response = OnEventLoop.result(vertx,
                () -> connector.exchange(Exchanges.get(vertx, "/x", Exchanges.restService())));
        OnEventLoop.body(vertx, response.body());
    }

    @Test
    void sendsApiKeyInDefaultAndConfiguredHeader() throws Exception {
        try (StubServer provider = StubServer.answering(vertx, 200, "text/plain", "ok")) {
            try (Connector connector = connector(provider, new UpstreamAuth("api_key", Map.of(), Secret.of("k-123")))) {
                call(connector);
                assertEquals("k-123", provider.last().headers().get("X-API-Key"));
            }
            try (Connector connector = connector(provider,
                    new UpstreamAuth("api_key", Map.of("header", "apikey"), Secret.of("k-456")))) {
                call(connector);
                assertEquals("k-456", provider.last().headers().get("apikey"));
                assertNull(provider.last().headers().get("X-API-Key"));
            }
        }
    }

    @Test
    void sendsBasicCredentials() throws Exception {
        try (StubServer provider = StubServer.answering(vertx, 200, "text/plain", "ok");
             Connector connector = connector(provider,
                     new UpstreamAuth("basic", Map.of("username", "hub-ubnd"), Secret.of("mật khẩu")))) {
            call(connector);
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString("hub-ubnd:mật khẩu".getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, provider.last().headers().get("Authorization"));
        }
    }

    @Test
    void fetchesOAuth2TokenOnceAndRefreshesItWhenItExpires() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        // The first token lives exactly the 30 s margin, so it is stale at once; later ones live an hour.
        try (StubServer tokens = StubServer.start(vertx, (request, response) -> {
            int n = issued.incrementAndGet();
            response.putHeader("Content-Type", "application/json")
                    .end("{\"access_token\":\"t" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":" + (n == 1 ? 30 : 3600) + "}");
        }); StubServer provider = StubServer.answering(vertx, 200, "text/plain", "ok");
             Connector connector = connector(provider, new UpstreamAuth("oauth2_client_credentials",
                     Map.of("tokenUrl", tokens.uri("/oauth2/token").toString(), "clientId", "hub", "scope", "citizen.read"),
                     Secret.of("s3cret")))) {
            for (int i = 0; i < 4; i++) {
                call(connector);
            }
            assertEquals(List.of("Bearer t1", "Bearer t2", "Bearer t2", "Bearer t2"), provider.received().stream()
                    .map(r -> r.headers().get("Authorization")).collect(Collectors.toList()));
            assertEquals(2, tokens.hits());
            StubServer.Received tokenRequest = tokens.received().get(0);
            assertEquals("POST", tokenRequest.method());
            assertEquals("grant_type=client_credentials&scope=citizen.read", tokenRequest.body().toString());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("hub:s3cret".getBytes(StandardCharsets.UTF_8)),
                    tokenRequest.headers().get("Authorization"));
        }
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        try (StubServer tokens = StubServer.start(vertx, (request, response) -> response
                .putHeader("Content-Type", "application/json")
                .end("{\"access_token\":\"shared\",\"expires_in\":3600}"));
             StubServer provider = StubServer.answering(vertx, 200, "text/plain", "ok");
             Connector connector = connector(provider, new UpstreamAuth("oauth2_client_credentials",
                     Map.of("tokenUrl", tokens.uri("/token").toString(), "clientId", "hub"), Secret.of("s")))) {
            List<Future<ConnectorResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(OnEventLoop.start(vertx, () -> connector.exchange(Exchanges.get(vertx, "/x", Exchanges.restService()))));
            }
            for (Future<ConnectorResponse> c : calls) {
                OnEventLoop.body(vertx, OnEventLoop.await(c).body());
            }
            assertEquals(1, tokens.hits());
            assertEquals(8, provider.received().stream()
                    .filter(r -> "Bearer shared".equals(r.headers().get("Authorization"))).count());
        }
    }

    @Test
    void failingTokenEndpointIsAnUpstreamAuthFailure() throws Exception {
        try (StubServer tokens = StubServer.answering(vertx, 401, "application/json", "{\"error\":\"invalid_client\"}");
             StubServer provider = StubServer.answering(vertx, 200, "text/plain", "ok");
             Connector connector = connector(provider, new UpstreamAuth("oauth2_client_credentials",
                     Map.of("tokenUrl", tokens.uri("/token").toString(), "clientId", "hub"), Secret.of("wrong-secret")))) {
            Throwable failure = OnEventLoop.failure(vertx,
                    () -> connector.exchange(Exchanges.get(vertx, "/x", Exchanges.restService())));
            ConnectorException e = assertInstanceOf(ConnectorException.class, failure);
            assertEquals(ConnectorException.Kind.UPSTREAM_AUTH_FAILED, e.kind());
            assertFalse(e.getMessage().contains("wrong-secret"));
            assertEquals(0, provider.hits());
        }
    }
}

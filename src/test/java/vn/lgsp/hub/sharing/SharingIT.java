package vn.lgsp.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.RawHttp;
import vn.lgsp.hub.testing.stub.StubServer;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharing API end to end: a real HTTP provider stub on loopback, real PostgreSQL and Kafka
 * behind the hub.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingIT {

    private static final String CONSUMER_HEADER = "X-LGSP-Test-Consumer";

    private Vertx vertx;
    private StubServer stub;
    private final AtomicInteger flakyCalls = new AtomicInteger();
    private String provider;
    private String consumer;
    private String base;

    /** Once per class; in @BeforeEach because REST Assured only knows the hub's port by then. */
    @BeforeEach
    void setUp() throws Exception {
        if (vertx != null) {
            return;
        }
        vertx = Vertx.vertx();
        stub = StubServer.start(vertx, (request, response) -> {
            String path = request.uri().split("\\?")[0];
            switch (path) {
                case "/api/records/42" -> response.putHeader("Content-Type", "application/json")
                        .putHeader("X-Provider-Trace", "p-42").putHeader("Set-Cookie", "session=provider-secret")
                        .putHeader("Cache-Control", "no-store").end("{\"id\":42,\"hoTen\":\"Nguyễn Thị B\"}");
                case "/api/records/404" -> response.setStatusCode(404).putHeader("Content-Type", "application/json").end("{\"error\":\"no record\"}");
                case "/api/records/500" -> response.setStatusCode(500).putHeader("Content-Type", "text/plain").end("provider exploded");
                case "/api/echo" -> response.putHeader("Content-Type", request.headers().get("Content-Type")).end(request.body());
                case "/api/big" -> response.putHeader("Content-Type", "application/octet-stream").end(Buffer.buffer(new byte[2 * 1024 * 1024]));
                case "/api/slow" -> vertx.setTimer(3_000, t -> response.end("too late"));
                case "/api/flaky" -> {
                    if (flakyCalls.incrementAndGet() <= 2) {
                        response.setStatusCode(503).end("busy");
                    } else {
                        response.end("third time lucky");
                    }
                }
                default -> response.setStatusCode(200).end("path " + path);
            }
        });

        provider = Api.activeSystem(Api.uniqueCode("provider"));
        consumer = Api.activeSystem(Api.uniqueCode("consumer"));
        Map<String, Object> endpoint = Api.httpEndpoint("main", stub.uri("/api").toString());
        endpoint.put("auth", Map.of("type", "api_key", "header", "X-Provider-Key", "secret", "provider-key-123"));
        Api.addEndpoint(provider, endpoint);
        Map<String, Object> slow = Api.httpEndpoint("slow", stub.uri("/api").toString());
        slow.put("requestTimeoutMs", 500);
        Api.addEndpoint(provider, slow);

        publish("records", "main", "GET", "/records/{id}", Map.of());
        publish("echo", "main", "POST", "/echo", Map.of("maxRequestBytes", 20L * 1024 * 1024, "maxResponseBytes", 20L * 1024 * 1024));
        publish("limited", "main", "POST", "/echo", Map.of("maxRequestBytes", 1024, "maxResponseBytes", 1024));
        publish("big", "main", "GET", "/big", Map.of("maxResponseBytes", 1024 * 1024));
        publish("slow", "slow", "GET", "/slow", Map.of());
        publish("flaky", "main", "GET", "/flaky", Map.of("retryAttempts", 2));
        publish("anything", "main", "*", "/**", Map.of());
        for (String service : new String[] {"records", "echo", "limited", "big", "slow", "flaky", "anything"}) {
            Api.grant(consumer, provider, service);
        }
        base = "/share/" + provider + "/";
    }

    @AfterAll
    void tearDown() throws Exception {
        stub.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private void publish(String code, String endpoint, String method, String pattern, Map<String, Object> extra) {
        Map<String, Object> service = Api.restService(code, endpoint);
        service.put("httpMethod", method);
        service.put("pathPattern", pattern);
        service.putAll(extra);
        Api.publish(provider, service);
    }

    private io.restassured.specification.RequestSpecification asConsumer() {
        return RestAssured.given().header(CONSUMER_HEADER, consumer);
    }

    @Test
    void answersLikeTheProviderDirectly() {
        Response direct = RestAssured.given().get(stub.uri("/api/records/42?fields=all"));
        Response viaHub = asConsumer().get(base + "records/records/42?fields=all");
        assertEquals(direct.statusCode(), viaHub.statusCode());
        assertEquals(direct.asString(), viaHub.asString());
        assertEquals(direct.contentType(), viaHub.contentType());
        assertEquals(direct.header("X-Provider-Trace"), viaHub.header("X-Provider-Trace"));
        assertEquals(direct.header("Cache-Control"), viaHub.header("Cache-Control"));
        assertNull(viaHub.header("Set-Cookie"), "provider cookies stay with the hub");
        assertEquals("/api/records/42?fields=all", stub.last().uri());
    }

    @Test
    void passesTheHubsTransactionIdTheCallersAsCorrelationAndTheRegisteredCredentialsButNotTheCallers() {
        Response answer = asConsumer().header("X-Transaction-Id", "integrator-tx-77")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("Authorization", "Bearer caller-token").header("Cookie", "caller=1")
                .header("Connection", "keep-alive, X-Hop").header("X-Hop", "drop-me").header("X-Custom", "kept")
                .get(base + "records/records/42");
        answer.then().statusCode(200).header("X-Correlation-Id", equalTo("integrator-tx-77"));
        String hubId = answer.header("X-Transaction-Id");
        assertNotEquals("integrator-tx-77", hubId, "the hub mints its own id for every call");
        StubServer.Received seen = stub.last();
        assertEquals(hubId, seen.headers().get("X-Transaction-Id"));
        assertEquals("integrator-tx-77", seen.headers().get("X-Correlation-Id"));
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", seen.headers().get("traceparent"));
        assertEquals("provider-key-123", seen.headers().get("X-Provider-Key"));
        assertEquals(consumer, seen.headers().get("X-LGSP-Consumer"));
        assertEquals("kept", seen.headers().get("X-Custom"));
        assertNull(seen.headers().get("Authorization"));
        assertNull(seen.headers().get("Cookie"));
        assertNull(seen.headers().get("X-Hop"));
        assertNull(seen.headers().get(CONSUMER_HEADER));

        String minted = asConsumer().get(base + "records/records/42").then().statusCode(200).extract().header("X-Transaction-Id");
        assertNotNull(minted);
        assertEquals(minted, stub.last().headers().get("X-Transaction-Id"));
        assertNull(stub.last().headers().get("X-Correlation-Id"), "no correlation id when the caller sent none");

        asConsumer().header("X-Correlation-Id", "forged-correlation").get(base + "records/records/42").then().statusCode(200)
                .header("X-Correlation-Id", nullValue());
        assertNull(stub.last().headers().get("X-Correlation-Id"), "only the hub sets the correlation id it passes on");
    }

    @Test
    void providerErrorsPassThroughUntouched() {
        asConsumer().get(base + "records/records/404").then().statusCode(404).body("error", equalTo("no record"));
        asConsumer().get(base + "records/records/500").then().statusCode(500).body(equalTo("provider exploded"));
    }

    @Test
    void aSlowProviderTimesOut() {
        Api.problem(asConsumer().get(base + "slow/slow").then(), 504, "provider-timeout");
    }

    @Test
    void streamsLargeBinaryBodiesBothWaysByteForByte() throws Exception {
        byte[] payload = new byte[12 * 1024 * 1024 + 7];
        new Random(13).nextBytes(payload);
        byte[] back = asConsumer().contentType("application/octet-stream").body(new ByteArrayInputStream(payload))
                .post(base + "echo/echo").then().statusCode(200).extract().asByteArray();
        assertEquals(payload.length, back.length);
        assertArrayEquals(sha256(payload), sha256(back));
        assertEquals(payload.length, stub.last().body().length());
    }

    @Test
    void enforcesSizeLimits() {
        Api.problem(asConsumer().contentType("application/octet-stream").body(new byte[2048])
                .post(base + "limited/echo").then(), 413, "request-too-large");
        // Chunked: no declared length, cut while streaming.
        Api.problem(asConsumer().contentType("application/octet-stream").body(new ByteArrayInputStream(new byte[4096]))
                .post(base + "limited/echo").then(), 413, "request-too-large");
        Api.problem(asConsumer().get(base + "big/big").then(), 502, "response-too-large");
        asConsumer().contentType("application/octet-stream").body(new byte[100]).post(base + "limited/echo")
                .then().statusCode(200);
    }

    @Test
    void retriesIdempotentCallsWhereTheServiceAllows() {
        flakyCalls.set(0);
        asConsumer().get(base + "flaky/flaky").then().statusCode(200).body(equalTo("third time lucky"));
        assertEquals(3, flakyCalls.get());
    }

    @Test
    void refusesTraversalAndOddTargets() throws Exception {
        int port = RestAssured.port;
        for (String path : new String[] {"anything/a/../../secret", "anything/%2e%2e/secret", "anything/a%2Fb",
                "anything/a%5cb", "anything/a//b", "anything/a%252e%252e/b", "anything/./a", "anything/a%00b"}) {
            String answer = RawHttp.exchange(port, "GET " + base + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + CONSUMER_HEADER + ": " + consumer + "\r\nConnection: close\r\n\r\n");
            assertEquals(400, RawHttp.status(answer), path + " -> " + answer);
            assertTrue(answer.contains("path-rejected"), path);
        }
        String absolute = RawHttp.exchange(port, "GET http://evil.example" + base + "anything/x HTTP/1.1\r\nHost: localhost\r\n"
                + CONSUMER_HEADER + ": " + consumer + "\r\nConnection: close\r\n\r\n");
        assertEquals(400, RawHttp.status(absolute), absolute);
        String control = RawHttp.exchange(port, "GET " + base + "anything/x HTTP/1.1\r\nHost: localhost\r\n"
                + CONSUMER_HEADER + ": " + consumer + "\r\nX-Evil: a\u0001b\r\nConnection: close\r\n\r\n");
        assertEquals(400, RawHttp.status(control), control);
        int before = stub.hits();
        assertEquals(before, stub.hits(), "nothing reached the provider");
    }

    /** Refused before routing, a call has no ledger row; the audit trail keeps it under the id the caller was given. */
    @Test
    void aCallRefusedBeforeRoutingIsFoundByItsTransactionId() {
        String tx = asConsumer().get("/share/no-such-provider/records/x").then().statusCode(404).extract().path("transactionId");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.given()
                .queryParam("transactionId", " " + tx + " ").get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].action", equalTo("sharing.refused"))
                .body("items[0].actor", equalTo(consumer)).body("items[0].outcome", equalTo("denied"))
                .body("items[0].details.code", equalTo("provider-not-found")));
        Api.problem(Api.given().queryParam("transactionId", "bad id").get("/api/v1/audit").then(), 400, "invalid-parameter")
                .body("field", equalTo("transactionId"));
    }

    @Test
    void routesOnlyActiveGrantedPublishedRegisteredOperations() {
        Api.problem(RestAssured.get(base + "records/records/42").then(), 401, "consumer-unidentified");
        Api.problem(RestAssured.given().header(CONSUMER_HEADER, "no-such-consumer").get(base + "records/records/42").then(),
                403, "consumer-not-active");
        Api.problem(asConsumer().get("/share/no-such-provider/records/x").then(), 404, "provider-not-found");
        Api.problem(asConsumer().get(base + "no-such-service/x").then(), 404, "service-not-found");
        Api.problem(asConsumer().post(base + "records/records/42").then(), 404, "operation-not-found");
        Api.problem(asConsumer().get(base + "records/other/42").then(), 404, "operation-not-found");

        String outsider = Api.activeSystem(Api.uniqueCode("outsider"));
        Api.problem(RestAssured.given().header(CONSUMER_HEADER, outsider).get(base + "records/records/42").then(),
                403, "access-denied");

        Map<String, Object> draftService = Api.restService("draft-only", "main");
        Api.json().body(draftService).post("/api/v1/systems/" + provider + "/services").then().statusCode(201);
        Api.grant(consumer, provider, "draft-only");
        Api.problem(asConsumer().get(base + "draft-only/records/1").then(), 409, "service-not-published");

        String sleeping = Api.uniqueCode("draft-provider");
        Api.registerSystem(Api.system(sleeping));
        Api.problem(asConsumer().get("/share/" + sleeping + "/records/records/1").then(), 409, "provider-not-active");
    }

    @Test
    void aRevokedGrantStopsAtOnce() {
        String service = "revocable";
        publish(service, "main", "GET", "/records/{id}", Map.of());
        String grant = Api.grant(consumer, provider, service);
        asConsumer().get(base + service + "/records/42").then().statusCode(200);
        Api.json().body(Map.of("reason", "purpose ended")).post("/api/v1/grants/" + grant + "/revoke").then().statusCode(200)
                .body("status", equalTo("revoked"));
        Api.problem(asConsumer().get(base + service + "/records/42").then(), 403, "access-denied");
    }

    @Test
    void aDeadProviderOpensTheCircuitWhichClosesWhenItRecovers() {
        String dead = Api.activeSystem(Api.uniqueCode("dead"));
        Map<String, Object> endpoint = Api.httpEndpoint("main", "http://127.0.0.1:" + vn.lgsp.hub.embedded.FreePort.find() + "/api");
        Api.addEndpoint(dead, endpoint);
        Map<String, Object> service = Api.restService("lookup", "main");
        service.put("pathPattern", "/records/{id}");
        Api.publish(dead, service);
        Api.grant(consumer, dead, "lookup");
        String url = "/share/" + dead + "/lookup/records/42";
        for (int i = 0; i < 5; i++) {
            Api.problem(asConsumer().get(url).then(), 502, "provider-unreachable");
        }
        Api.problem(asConsumer().get(url).then(), 503, "circuit-open").header("Retry-After", org.hamcrest.Matchers.notNullValue());

        // The provider comes back at a new address; after the open period a trial call closes the circuit.
        String etag = Api.etag("/api/v1/systems/" + dead + "/endpoints/main");
        Api.json().header("If-Match", etag).body(Api.httpEndpoint("main", stub.uri("/api").toString()))
                .put("/api/v1/systems/" + dead + "/endpoints/main").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> asConsumer().get(url).statusCode() == 200);
        asConsumer().get(url).then().statusCode(200).header("X-Provider-Trace", equalTo("p-42"));
    }

    @Test
    void servesNoSecretsInEndpointsOrErrors() {
        String endpoint = Api.given().get("/api/v1/systems/" + provider + "/endpoints/main").then().statusCode(200)
                .body("auth.secretSet", equalTo(true)).body("auth.secret", nullValue()).extract().asString();
        assertTrue(!endpoint.contains("provider-key-123"));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @SuppressWarnings("unused")
    private static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }
}

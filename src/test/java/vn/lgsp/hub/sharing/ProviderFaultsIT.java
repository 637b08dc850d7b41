package vn.lgsp.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ProviderFixture;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Providers that misbehave at the TCP level: reset the connection, answer garbage, or send
 * headers and then stall. The caller gets a clean problem (or, once headers are out, a broken
 * connection rather than a truncated answer that looks whole), and the ledger says what happened.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderFaultsIT {

    @Inject
    Pool pool;

    private Vertx vertx;
    private NetServer misbehaving;
    private String provider;
    private String consumer;

    @BeforeEach
    void setUp() throws Exception {
        if (vertx != null) {
            return;
        }
        vertx = Vertx.vertx();
        misbehaving = vertx.createNetServer().connectHandler(socket -> socket.handler(request -> {
            String text = request.toString();
            if (text.contains("/reset")) {
                socket.close();
            } else if (text.contains("/garbage")) {
                socket.write(Buffer.buffer("\u0000\u0001 this is not HTTP \r\n\r\n")).onComplete(v -> socket.close());
            } else if (text.contains("/stall")) {
                socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nfirst bytes...");
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        provider = Api.activeSystem(Api.uniqueCode("rude-provider"));
        consumer = Api.activeSystem(Api.uniqueCode("rude-consumer"));
        Map<String, Object> endpoint = Api.httpEndpoint("main", "http://127.0.0.1:" + misbehaving.actualPort() + "/api");
        endpoint.put("requestTimeoutMs", 1000);
        Api.addEndpoint(provider, endpoint);
        Map<String, Object> service = Api.restService("anything", "main");
        service.put("pathPattern", "/**");
        Api.publish(provider, service);
        Api.grant(consumer, provider, "anything");
    }

    @AfterAll
    void tearDown() throws Exception {
        misbehaving.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void aResetConnectionIsABadGateway() {
        String tx = Api.problem(RestAssured.given().header(ProviderFixture.CONSUMER_HEADER, consumer)
                .get("/share/" + provider + "/anything/reset").then(), 502, "provider-bad-response").extract().header("X-Transaction-Id");
        assertEquals("provider-bad-response", errorCode(tx));
    }

    @Test
    void garbageIsABadGateway() {
        Api.problem(RestAssured.given().header(ProviderFixture.CONSUMER_HEADER, consumer)
                .get("/share/" + provider + "/anything/garbage").then(), 502, "provider-bad-response");
    }

    @Test
    void anAnswerThatStallsIsCutAndRecordedAsCutOff() {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/share/" + provider
                + "/anything/stall")).header(ProviderFixture.CONSUMER_HEADER, consumer).timeout(Duration.ofSeconds(15)).build();
        long started = System.nanoTime();
        IOException cut = assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertEquals(true, seconds < 10, "cut after the endpoint's timeout, not the client's: " + seconds + " s, " + cut);
        await().atMost(Duration.ofSeconds(10)).until(() -> "answer-cut-off".equals(lastErrorCode()));
        // The cut-off is appended as a completion; the committed row itself is never rewritten.
        var seen = pool.preparedQuery("SELECT e.success AS written, t.success AS seen, c.delivered FROM ledger_transaction t "
                        + "JOIN ledger_entry e USING (received_day, consumer_code, transaction_id) "
                        + "JOIN ledger_completion c USING (received_day, consumer_code, transaction_id) "
                        + "WHERE t.provider_code = $1 AND t.error_code = 'answer-cut-off'").execute(Tuple.of(provider))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertEquals(true, seen.getBoolean("written"));
        assertEquals(false, seen.getBoolean("seen"));
        assertEquals(false, seen.getBoolean("delivered"));
    }

    private String errorCode(String tx) {
        return pool.preparedQuery("SELECT error_code FROM ledger_transaction WHERE transaction_id = $1").execute(Tuple.of(tx))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getString(0);
    }

    private String lastErrorCode() {
        var rows = pool.preparedQuery("SELECT error_code FROM ledger_transaction WHERE provider_code = $1 AND path_pattern = '/**' "
                        + "AND status_code = 200 ORDER BY received_at DESC LIMIT 1").execute(Tuple.of(provider))
                .await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }
}

package vn.lgsp.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ProviderFixture;
import vn.lgsp.hub.testing.RawHttp;
import vn.lgsp.hub.testing.stub.StubServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every buffered or streamed body has a deadline, against the real hub: a caller that stops
 * sending its body or trickles it, a caller that stops reading the answer, and a SOAP provider
 * that sends its head and then stalls. None may hold the call (its provider connection, its
 * bulkhead slot, a breaker's trial) for longer than the deadlines; each ends in the ledger. The
 * test profile's caller idle timeout is 2 s; the endpoints' request timeout 5 s (SOAP: 1 s).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingDeadlinesIT {

    private static final Buffer BIG = Buffer.buffer(new byte[32 * 1024 * 1024]);
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    @Inject
    Pool pool;

    private ProviderFixture fixture;
    private StubServer soapStub;
    private final AtomicBoolean soapStalls = new AtomicBoolean(true);

    @BeforeEach
    void setUp() throws Exception {
        if (fixture != null) {
            return;
        }
        fixture = new ProviderFixture("deadline", (request, response) -> {
            if (request.uri().endsWith("/big")) {
                response.putHeader("Content-Type", "application/octet-stream").end(BIG);
            } else {
                response.putHeader("Content-Type", "text/plain").end("got " + request.body().length());
            }
        });
        fixture.service("any", "*", "/**", Map.of("maxRequestBytes", 1_000_000, "maxResponseBytes", 64 * 1024 * 1024));
        soapStub = StubServer.start(fixture.vertx(), (request, response) -> {
            if (soapStalls.get()) {
                // The head and a first part, then nothing: the answer is buffered, so no reader
                // downstream would notice.
                response.setChunked(true).putHeader("Content-Type", "text/xml").write("<s:Envelope xmlns:s=\"" + SOAP11 + "\">");
            } else {
                response.putHeader("Content-Type", "text/xml").end("<s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Body>"
                        + "<h:TraCuuResponse xmlns:h=\"urn:lgsp:hotich\"/></s:Body></s:Envelope>");
            }
        });
        Map<String, Object> endpoint = Api.soapEndpoint("ws", soapStub.uri("/ws").toString());
        endpoint.put("requestTimeoutMs", 1000);
        Api.addEndpoint(fixture.provider(), endpoint);
        // The REST-to-SOAP facade buffers the provider's answer whole (to convert it).
        Api.publish(fixture.provider(), Api.soapService("ho-tich", "ws", "TraCuu", Map.of("mode", "rest-facade",
                "namespace", "urn:lgsp:hotich")));
        Api.grant(fixture.consumer(), fixture.provider(), "ho-tich");
    }

    @AfterAll
    void tearDown() throws Exception {
        soapStub.close();
        fixture.close();
    }

    @Test
    void aCallerThatStopsSendingItsBodyGets408AndTheCallIsLedgered() throws Exception {
        String answer;
        try (Socket socket = open()) {
            send(socket, "POST " + fixture.url("any", "/echo") + " HTTP/1.1\r\nHost: hub\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 100\r\n" + consumer() + "\r\n0123456789");
            answer = readHead(socket.getInputStream());
        }
        assertEquals(408, RawHttp.status(answer), answer);
        assertTrue(answer.contains("request-body-timeout"), answer);
        assertLedgered(transactionId(answer), "request-body-timeout");
    }

    @Test
    void aCallerThatTricklesItsBodyUnderTheIdleTimeoutIsStillCutAtTheEndpointsTimeout() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        String answer;
        try (Socket socket = open()) {
            send(socket, "POST " + fixture.url("any", "/echo") + " HTTP/1.1\r\nHost: hub\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 1000\r\n" + consumer() + "\r\n");
            // One byte every half second: never idle for 2 s, never done.
            trickle.scheduleAtFixedRate(() -> {
                try {
                    socket.getOutputStream().write('x');
                    socket.getOutputStream().flush();
                } catch (Exception closed) {
                    trickle.shutdown();
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            answer = readHead(socket.getInputStream());
        } finally {
            trickle.shutdownNow();
        }
        assertEquals(408, RawHttp.status(answer), answer);
        assertLedgered(transactionId(answer), "request-body-timeout");
    }

    @Test
    void aCallerThatStopsReadingTheAnswerIsCutOffAndItsCallEnds() throws Exception {
        String head;
        try (Socket socket = open()) {
            socket.setReceiveBufferSize(4096);
            send(socket, "GET " + fixture.url("any", "/big") + " HTTP/1.1\r\nHost: hub\r\n" + consumer() + "\r\n");
            head = readHead(socket.getInputStream());
            assertEquals(200, RawHttp.status(head), head);
            // ... and read nothing more: 32 MB cannot fit in the socket buffers.
            String tx = transactionId(head);
            await().atMost(Duration.ofSeconds(30)).until(() -> "answer-cut-off".equals(completed(tx)));
        }
        // The call is over for the hub (its bulkhead slot free): the next one is answered at once.
        assertEquals(200, RestAssured.given().header(ProviderFixture.CONSUMER_HEADER, fixture.consumer())
                .get(fixture.url("any", "/small")).statusCode());
    }

    @Test
    void aSoapProviderThatStallsAfterItsHeadIsTimedOutAndItsBreakerTrialIsNotStuck() {
        soapStalls.set(true);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(soap().statusCode());
        }
        assertEquals(504, statuses.get(0), "a stalled answer is a provider timeout: " + statuses);
        assertTrue(statuses.contains(503), "enough stalls open the breaker: " + statuses);

        soapStalls.set(false);
        // The breaker lets a trial through once open-for (1 s in tests) passed; a stuck trial
        // would keep answering 503 here.
        await().atMost(Duration.ofSeconds(15)).until(() -> soap().statusCode() == 200);
    }

    private io.restassured.response.Response soap() {
        return RestAssured.given().header(ProviderFixture.CONSUMER_HEADER, fixture.consumer())
                .contentType("application/json").body("{\"soDinhDanh\":\"001\"}")
                .post(fixture.url("ho-tich", ""));
    }

    private String consumer() {
        return ProviderFixture.CONSUMER_HEADER + ": " + fixture.consumer() + "\r\n";
    }

    private static Socket open() throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The status line and headers, plus whatever of the body came with them. */
    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        byte[] chunk = new byte[1024];
        while (head.indexOf("\r\n\r\n") < 0) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            head.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
        }
        return head.toString();
    }

    private static String transactionId(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("x-transaction-id:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new AssertionError("no transaction id in " + head);
    }

    private String completed(String tx) {
        var rows = pool.preparedQuery("SELECT error_code FROM ledger_transaction WHERE transaction_id = $1").execute(Tuple.of(tx))
                .await().atMost(Duration.ofSeconds(10));
        for (Row row : rows) {
            return row.getString("error_code");
        }
        return null;
    }

    private void assertLedgered(String tx, String errorCode) {
        await().atMost(Duration.ofSeconds(10)).until(() -> errorCode.equals(completed(tx)));
    }
}

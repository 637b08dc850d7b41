package vn.lgsp.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.embedded.FreePort;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.LogCapture;
import vn.lgsp.hub.testing.ProviderFixture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators read: normal closes log nothing, an unreachable broker one line per change. */
@QuarkusTest
class QuietLogsIT {

    private static final String ANSWER = "{\"hoTen\":\"Nguyễn Văn A\"}";

    @Test
    void aCallerThatClosesRightAfterACompleteAnswerLogsNothing() throws Exception {
        try (ProviderFixture fixture = new ProviderFixture("quiet", (request, response) ->
                response.putHeader("Content-Type", "application/json").end(ANSWER));
             LogCapture logs = new LogCapture("vn.lgsp.hub.sharing")) {
            fixture.service("quiet-records", "GET", "/records/{id}", Map.of());
            for (int i = 0; i < 20; i++) {
                String request = "GET " + fixture.url("quiet-records", "/records/" + i) + " HTTP/1.1\r\nHost: hub\r\n"
                        + ProviderFixture.CONSUMER_HEADER + ": " + fixture.consumer() + "\r\n\r\n";
                assertEquals(ANSWER, readOneAnswerAndClose(request));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.stub().hits() == 20);
            // The ledger rows of the last calls are written after the answer: wait for them, then look.
            await().atMost(Duration.ofSeconds(10)).until(() -> Api.given().queryParam("consumer", fixture.consumer()).queryParam("size", 100)
                    .get("/api/v1/transactions").then().statusCode(200).extract().<Integer>path("items.size()") == 20);
            assertTrue(logs.lines().stream().noneMatch(line -> line.contains("Exception")), String.join("\n", logs.lines()));
        }
    }

    @Test
    void anUnreachableBrokerIsOneLineNotOnePerReconnect() throws Exception {
        int deadPort = FreePort.find();
        String provider = Api.activeSystem(Api.uniqueCode("quiet-kafka-provider"));
        String consumer = Api.activeSystem(Api.uniqueCode("quiet-kafka-consumer"));
        Map<String, Object> endpoint = Api.httpEndpoint("broker", "kafka://127.0.0.1:" + deadPort + "/quiet.requests");
        endpoint.put("connectorType", "kafka");
        endpoint.put("requestTimeoutMs", 1000);
        Api.addEndpoint(provider, endpoint);
        Map<String, Object> service = Api.restService("notify", "broker");
        service.put("httpMethod", "POST");
        service.put("pathPattern", "/notify");
        Api.publish(provider, service);
        Api.grant(consumer, provider, "notify");
        String broker = "127.0.0.1:" + deadPort;
        try (LogCapture logs = new LogCapture("vn.lgsp.hub.connectors.kafka")) {
            RestAssured.given().header(ProviderFixture.CONSUMER_HEADER, consumer).contentType("application/json").body("{}")
                    .post("/share/" + provider + "/notify/notify").then().statusCode(anyOf(equalTo(502), equalTo(504)));
            await().atMost(Duration.ofSeconds(10)).until(() -> mentions(logs, broker) >= 1);
            // The client keeps reconnecting (backing off to 1 s): before, each attempt was a warning.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> mentions(logs, broker) == 1);
            assertTrue(logs.lines().stream().anyMatch(line -> line.contains(broker) && line.contains("not reachable")), String.join("\n", logs.lines()));
        }
    }

    private static long mentions(LogCapture logs, String broker) {
        return logs.lines().stream().filter(line -> line.contains(broker)).count();
    }

    /** A keep-alive request whose answer is read to its last byte, then the connection closed at once. */
    private static String readOneAnswerAndClose(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the head ended: " + head);
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            assertTrue(headers.startsWith("HTTP/1.1 200"), headers);
            int length = Integer.parseInt(headers.replaceAll("(?is).*\r\ncontent-length:\\s*(\\d+).*", "$1"));
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}

package vn.lgsp.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ProviderFixture;
import vn.lgsp.hub.testing.RawHttp;
import vn.lgsp.hub.testing.stub.StubServer;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile consumer who has read the code, against the real hub: each class of request that a
 * provider's stack would read otherwise than the hub's checks is refused before anything reaches
 * the provider (a stub that counts), or reaches it only in the hub's canonical form.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingHardeningIT {

    private ProviderFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        if (fixture != null) {
            return;
        }
        fixture = new ProviderFixture("hard", (request, response) -> response.putHeader("Content-Type", "text/plain").end("ok"));
        fixture.service("any", "*", "/public/**", Map.of());
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void nonCanonicalPathsAreRefusedBeforeTheProvider() throws Exception {
        int before = fixture.stub().hits();
        for (String path : List.of("/public/..;/admin", "/public/a;jsessionid=1", "/public/.;/x", "/public/%61dmin", "/public/%2e%2e/admin",
                "/public/a%2fb", "/public/a%zz", "/public/a%2")) {
            String answer = RawHttp.exchange(RestAssured.port, "GET " + fixture.url("any", path) + " HTTP/1.1\r\nHost: hub\r\n"
                    + ProviderFixture.CONSUMER_HEADER + ": " + fixture.consumer() + "\r\nConnection: close\r\n\r\n");
            assertEquals(400, RawHttp.status(answer), path + ": " + answer);
            // Malformed escapes (%zz, a cut-off %2) are refused by Vert.x's HTTP decoder itself, with an empty 400.
            assertTrue(answer.contains("\"code\":\"path-rejected\"") || answer.contains("content-length: 0"), answer);
        }
        assertEquals(before, fixture.stub().hits(), "no refused path reached the provider");
        fixture.asConsumer().urlEncodingEnabled(false).get(fixture.url("any", "/public/h%C3%A1-so")).then().statusCode(200);
        assertEquals("/api/public/h%C3%A1-so", fixture.stub().last().uri(), "a canonical path is forwarded as it is");
    }

    @Test
    void traceConnectAndUnknownMethodsNeverReachTheProvider() throws Exception {
        int before = fixture.stub().hits();
        for (String method : List.of("TRACE", "CONNECT", "PROPFIND", "FOO")) {
            String answer = RawHttp.exchange(RestAssured.port, method + " " + fixture.url("any", "/public/x") + " HTTP/1.1\r\nHost: hub\r\n"
                    + ProviderFixture.CONSUMER_HEADER + ": " + fixture.consumer() + "\r\nConnection: close\r\n\r\n");
            assertEquals(405, RawHttp.status(answer), method + ": " + answer);
            assertTrue(answer.contains("\"code\":\"method-not-allowed\""), answer);
            assertTrue(answer.contains("Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
                    || answer.contains("allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"), answer);
        }
        assertEquals(before, fixture.stub().hits());
        fixture.asConsumer().patch(fixture.url("any", "/public/x")).then().statusCode(200);
        assertEquals("PATCH", fixture.stub().last().method(), "* still means every standard method");
    }

    @Test
    void headersThatUndoTheChecksOrSpoofTheCallerAreReplaced() {
        fixture.asConsumer()
                .header("X-HTTP-Method-Override", "DELETE").header("X-HTTP-Method", "DELETE").header("X-Method-Override", "DELETE")
                .header("X-Original-URL", "/admin").header("X-Rewrite-URL", "/admin").header("X-Forwarded-Prefix", "/admin")
                .header("Forwarded", "for=10.0.0.1").header("X-Forwarded-For", "10.0.0.1").header("X-Real-IP", "10.0.0.1")
                .header("True-Client-IP", "10.0.0.1").header("X-Forwarded-Host", "evil.example").header("Via", "1.1 evil")
                .header("X-Kept", "yes")
                .get(fixture.url("any", "/public/h")).then().statusCode(200);
        StubServer.Received received = fixture.stub().last();
        for (String removed : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "X-Original-URL", "X-Rewrite-URL",
                "X-Forwarded-Prefix", "X-Real-IP", "True-Client-IP", "X-Forwarded-Host", "Via")) {
            assertNull(received.headers().get(removed), removed + " must not reach the provider");
        }
        assertEquals("127.0.0.1", received.headers().get("X-Forwarded-For"), "the caller's real address, set by the hub");
        assertEquals(List.of("for=127.0.0.1;proto=http"), received.headers().getAll("Forwarded"));
        assertEquals("yes", received.headers().get("X-Kept"), "ordinary headers still pass");
        assertEquals(fixture.consumer(), received.headers().get("X-LGSP-Consumer"));
    }

    @Test
    void expectContinueIsAnsweredOnceTheCallIsRouted() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + fixture.url("any", "/public/post") + " HTTP/1.1\r\nHost: hub\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5\r\nExpect: 100-continue\r\n" + ProviderFixture.CONSUMER_HEADER + ": " + fixture.consumer()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String interim = readUntil(in, "\r\n\r\n");
            assertTrue(interim.startsWith("HTTP/1.1 100"), "the hub asks for the body instead of stalling: " + interim);
            out.write("hello".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(200, RawHttp.status(answer), answer);
        }
        assertEquals("hello", fixture.stub().last().body().toString());
    }

    @Test
    void aRefusedExpectContinueCallIsAnsweredWithoutItsBody() throws Exception {
        String other = Api.activeSystem(Api.uniqueCode("hard-nogrant"));
        int before = fixture.stub().hits();
        String answer;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + fixture.url("any", "/public/post") + " HTTP/1.1\r\nHost: hub\r\n"
                    + "Content-Length: 5\r\nExpect: 100-continue\r\n" + ProviderFixture.CONSUMER_HEADER + ": " + other + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            answer = readUntil(socket.getInputStream(), "\r\n\r\n");
        }
        assertEquals(403, RawHttp.status(answer), answer);
        assertFalse(answer.contains("100 Continue"), answer);
        assertEquals(before, fixture.stub().hits());
    }

    @Test
    void malformedSharingPathsAre404Problems() {
        for (String path : List.of("/share", "/share/", "/share/" + fixture.provider(), "/share/" + fixture.provider() + "/")) {
            fixture.asConsumer().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("status", equalTo(404));
        }
    }

    private static String readUntil(InputStream in, String end) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            read.write(b);
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }
}

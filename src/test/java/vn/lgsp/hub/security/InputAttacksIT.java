package vn.lgsp.hub.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.restassured.RestAssured;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.RawHttp;
import vn.lgsp.hub.testing.Role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQL injection, oversized and malformed input against every management API: each answer is a
 * client error as a problem document (never a 500, never a stack trace or SQL text), and the data
 * is intact afterwards.
 */
@QuarkusTest
class InputAttacksIT {

    private static final List<String> HOSTILE = List.of(
            "' OR '1'='1", "x'; DROP TABLE information_system; --", "1 UNION SELECT secret_ciphertext FROM endpoint",
            "\u0000nul", "../../etc/passwd", "%27%20OR%201%3D1", "<script>alert(1)</script>", "x".repeat(5_000));

    private static final List<String[]> QUERIES = List.of(
            new String[] {"/api/v1/systems?q=", ""}, new String[] {"/api/v1/systems?scope=", ""},
            new String[] {"/api/v1/systems?status=", ""}, new String[] {"/api/v1/systems?page=", ""},
            new String[] {"/api/v1/catalogue?scope=", ""}, new String[] {"/api/v1/grants?consumer=", ""},
            new String[] {"/api/v1/grants?status=", ""}, new String[] {"/api/v1/audit?system=", ""},
            new String[] {"/api/v1/audit?actor=", ""}, new String[] {"/api/v1/audit?from=", ""});

    private static final List<String> PATHS = List.of("/api/v1/systems/%s", "/api/v1/systems/%s/endpoints",
            "/api/v1/systems/%s/services", "/api/v1/systems/%s/services/x/%s", "/api/v1/catalogue/%s", "/api/v1/grants/%s");

    private static final List<String[]> BODIES = List.of(
            new String[] {"POST", "/api/v1/systems"}, new String[] {"POST", "/api/v1/grants"},
            new String[] {"POST", "/api/v1/systems/%s/endpoints"}, new String[] {"POST", "/api/v1/systems/%s/services"},
            new String[] {"POST", "/api/v1/systems/%s/lifecycle"}, new String[] {"POST", "/api/v1/grants/%s/revoke"});

    private static String existing;
    private static long systemsBefore;

    @BeforeEach
    void oneSystem() {
        if (existing == null) {
            existing = Api.registerSystem(Api.system(Api.uniqueCode("target")));
        }
        systemsBefore = Api.given().get("/api/v1/systems?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    static Stream<String> hostile() {
        return HOSTILE.stream();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileQueryAndPathValuesAreRefusedOrHarmless(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        List<Response> answers = new ArrayList<>();
        for (String[] query : QUERIES) {
            answers.add(Api.given().urlEncodingEnabled(false).get(query[0] + encoded));
        }
        for (String path : PATHS) {
            answers.add(Api.given().urlEncodingEnabled(false).get(path.replace("%s", encoded)));
        }
        answers.forEach(InputAttacksIT::harmless);
        intact();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileBodiesAreRefused(String value) {
        String json = "{\"code\":\"" + escape(value) + "\",\"nameVi\":\"" + escape(value) + "\",\"action\":\"" + escape(value)
                + "\",\"consumerSystem\":\"" + escape(value) + "\",\"reason\":\"" + escape(value) + "\"}";
        for (String[] target : BODIES) {
            String path = target[1].replace("%s", existing);
            harmless(Api.given().contentType("application/json").body(json).post(path));
            harmless(Api.given().contentType("application/json").body("{\"code\": " + escape(value)).post(path));
            harmless(Api.given().contentType("application/json").body("[" + json + "]").post(path));
        }
        intact();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileValuesFromOwnersAreRefusedToo(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        harmless(Api.as(Role.OWNER_A).urlEncodingEnabled(false).get("/api/v1/systems?q=" + encoded));
        harmless(Api.as(Role.OWNER_A).urlEncodingEnabled(false).get("/api/v1/audit?action=" + encoded));
        harmless(Api.jsonAs(Role.OWNER_A).body("{\"code\":\"" + escape(value) + "\"}").post("/api/v1/systems"));
        intact();
    }

    @org.junit.jupiter.api.Test
    void oversizedBodiesUrlsAndHeadersAreRefusedBeforeTheyAreRead() throws Exception {
        String auth = "Authorization: Bearer " + Role.ADMIN.token() + "\r\n";
        String body = RawHttp.exchange(RestAssured.port, "POST /api/v1/systems HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "Content-Type: application/json\r\nContent-Length: 11534336\r\nConnection: close\r\n\r\n");
        assertEquals(413, RawHttp.status(body), body);
        String url = RawHttp.exchange(RestAssured.port, "GET /api/v1/systems?q=" + "x".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + auth + "Connection: close\r\n\r\n");
        assertTrue(url.startsWith("HTTP/1.0 414") || url.startsWith("HTTP/1.1 414") || url.startsWith("HTTP/1.1 400"), url);
        String header = RawHttp.exchange(RestAssured.port, "GET /api/v1/systems HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "X-Big: " + "y".repeat(40_000) + "\r\nConnection: close\r\n\r\n");
        assertTrue(header.matches("(?s)HTTP/1\\.[01] (431|400).*"), header);
        intact();
    }

    private static void harmless(Response answer) {
        int status = answer.statusCode();
        String body = answer.asString();
        assertTrue(status == 200 || (status >= 400 && status < 500), "status " + status + ": " + body);
        if (status >= 400 && status != 413 && status != 431 && status != 414) {
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType() + " " + body);
        }
        String lower = body.replaceAll("\"instance\":\"[^\"]*\"", "").toLowerCase();
        assertFalse(lower.contains("syntax error") || lower.contains("sqlstate") || lower.contains("exception")
                || lower.contains("secret_ciphertext") || lower.contains("<script>"), body);
    }

    private static void intact() {
        long after = Api.given().get("/api/v1/systems?size=1").then().statusCode(200).extract().jsonPath().getLong("total");
        assertTrue(after >= systemsBefore, "systems disappeared");
        Api.given().get("/api/v1/systems/" + existing).then().statusCode(200);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

package vn.lgsp.hub.evidence;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Database;
import vn.lgsp.hub.testing.ProviderFixture;
import vn.lgsp.hub.testing.Role;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies kept for services whose owner opted in, against real PostgreSQL and Keycloak: sealed at
 * rest, readable by admins only and audited, checked against the signed record, refused when moved
 * or past their retention, and never kept for a service that did not opt in.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageLogBodiesIT {

    private static final String ANSWER = "{\"soHoSo\":\"HS-0042\",\"hoTen\":\"Trần Thị B\"}";
    private ProviderFixture fixture;

    @Inject
    RetainedBodies bodies;

    @BeforeEach
    void setUp() throws Exception {
        // Once, but inside the running application (a @BeforeAll runs before it listens).
        if (fixture != null) {
            return;
        }
        fixture = new ProviderFixture("bodies", (request, response) -> response.putHeader("Content-Type", "application/json").end(ANSWER));
        fixture.service("kept", "POST", "/filings", Map.of("bodyRetentionDays", 30));
        fixture.service("plain", "POST", "/notes", Map.of());
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void anOptedInServiceKeepsBothBodiesSealedAndOnlyAnAdminReadsThemAudited() throws Exception {
        String sent = "{\"hoTen\":\"Nguyễn Văn A\",\"cccd\":\"001099012345\"}";
        String tx = post("kept", "/filings", sent);

        Response request = await().atMost(Duration.ofSeconds(20)).until(() -> body(Role.ADMIN, tx, "request"), r -> r.statusCode() == 200);
        assertEquals(sent, request.asString());
        assertEquals("sha-256=:" + base64Sha256(sent) + ":", request.header("Repr-Digest"), "the digest the signed record holds");
        assertTrue(request.header("Content-Type").startsWith("application/json"));
        assertTrue(request.header("Content-Disposition").startsWith("attachment"), "a download, never a rendered page");
        assertEquals("nosniff", request.header("X-Content-Type-Options"));
        assertEquals(ANSWER, body(Role.ADMIN, tx, "response").then().statusCode(200).extract().asString());

        try (Connection db = Database.superuser();
             PreparedStatement sql = db.prepareStatement("SELECT ciphertext, key_id, expires_at > now() + interval '29 days' FROM message_log_body "
                     + "WHERE transaction_id = ? AND part = 'request'")) {
            sql.setString(1, tx);
            try (ResultSet rs = sql.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(new String(rs.getBytes(1), StandardCharsets.UTF_8).contains("001099012345"), "sealed at rest");
                assertEquals(16, rs.getString(2).length());
                assertTrue(rs.getBoolean(3), "kept for the service's 30 days");
            }
        }
        assertEquals(2, count("SELECT count(*) FROM audit_log WHERE action = 'message-log.body.read' AND target LIKE ?",
                "transactions/" + tx + "/bodies/%"), "every read audited");

        for (Role role : new Role[] {Role.OPERATOR, Role.OWNER_A}) {
            body(role, tx, "request").then().statusCode(403);
        }
        Api.problem(body(Role.ADMIN, tx, "headers").then(), 400, "invalid-parameter").body("errors[0].field", containsString("part"));
    }

    @Test
    void aBodyMovedToAnotherPartOrPastItsRetentionIsNotServedAndIsDeleted() throws Exception {
        String tx = post("kept", "/filings", "{\"a\":1}");
        await().atMost(Duration.ofSeconds(20)).until(() -> body(Role.ADMIN, tx, "response").statusCode() == 200);

        execute("UPDATE message_log_body SET ciphertext = (SELECT ciphertext FROM message_log_body WHERE transaction_id = ? AND part = 'request') "
                + "WHERE transaction_id = ? AND part = 'response'", tx, tx);
        Api.problem(body(Role.ADMIN, tx, "response").then(), 409, "body-unreadable");

        execute("UPDATE message_log_body SET expires_at = now() - interval '1 second' WHERE transaction_id = ?", tx);
        Api.problem(body(Role.ADMIN, tx, "request").then(), 404, "body-not-kept");
        assertTrue(bodies.purgeNow().await().atMost(Duration.ofSeconds(10)) >= 2);
        assertEquals(0, count("SELECT count(*) FROM message_log_body WHERE transaction_id = ? AND part LIKE ?", tx, "%"));
    }

    @Test
    void aServiceThatDidNotOptInKeepsOnlyDigestsAndAnOversizedBodyOnlyItsSize() throws Exception {
        String plain = post("plain", "/notes", "{\"secret\":\"x\"}");
        String large = post("kept", "/filings", "{\"pad\":\"" + "x".repeat(5000) + "\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> body(Role.ADMIN, large, "response").statusCode() == 200);
        Api.problem(body(Role.ADMIN, large, "request").then(), 404, "body-not-kept").body("detail", containsString("size limit"));
        assertEquals(1, count("SELECT count(*) FROM message_log_body WHERE transaction_id = ? AND part = ? AND omitted = 'too-large' "
                + "AND ciphertext IS NULL AND body_bytes > 5000", large, "request"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Api.given().get("/api/v1/transactions/" + plain + "/evidence").statusCode() == 200);
        Api.problem(body(Role.ADMIN, plain, "request").then(), 404, "body-not-kept");
        assertEquals(0, count("SELECT count(*) FROM message_log_body WHERE transaction_id = ? AND part LIKE ?", plain, "%"));
    }

    private String post(String service, String path, String body) {
        return fixture.asConsumer().contentType("application/json").body(body).post(fixture.url(service, path))
                .then().statusCode(200).extract().header("X-Transaction-Id");
    }

    private static Response body(Role role, String tx, String part) {
        return Api.as(role).get("/api/v1/transactions/" + tx + "/bodies/" + part);
    }

    private static String base64Sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String query, String... values) throws Exception {
        try (Connection db = Database.superuser(); PreparedStatement sql = db.prepareStatement(query.replace("$1", "?"))) {
            for (int i = 0; i < values.length; i++) {
                sql.setString(i + 1, values[i]);
            }
            try (ResultSet rs = sql.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void execute(String statement, String... values) throws Exception {
        try (Connection db = Database.superuser(); PreparedStatement sql = db.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                sql.setString(i + 1, values[i]);
            }
            sql.executeUpdate();
        }
    }

}

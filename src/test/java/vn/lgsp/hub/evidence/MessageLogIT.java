package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ConsoleAccount;
import vn.lgsp.hub.testing.Database;
import vn.lgsp.hub.testing.KafkaTopic;
import vn.lgsp.hub.testing.ProviderFixture;
import vn.lgsp.hub.testing.TestKeys;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signed message log against real PostgreSQL, Kafka and Keycloak, with keys issued by a test
 * CA and a real RFC 3161 time-stamp authority: evidence that verifies offline, tampering in the
 * database reported exactly, bundles that survive key rotation, and the {@code stop} rule.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageLogIT {

    private static final String ANSWER = "{\"ok\":true}";
    @TestHTTPResource("/")
    URL base;
    private static final ObjectMapper JSON = new ObjectMapper();
    private ProviderFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        if (fixture != null) {
            return;
        }
        fixture = new ProviderFixture("msglog", (request, response) -> response.putHeader("Content-Type", "application/json").end(ANSWER));
        fixture.service("records", "GET", "/records/{id}", Map.of());
        fixture.service("filings", "POST", "/filings", Map.of());
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void everyCallHasEvidenceThatAnAuditorVerifiesOffline() throws Exception {
        String get = fixture.asConsumer().get(fixture.url("records", "/records/7?x=1")).then().statusCode(200).extract().header("X-Transaction-Id");
        String body = "{\"hoTen\":\"Nguyễn Văn A\"}";
        String post = fixture.asConsumer().contentType("application/json").body(body).post(fixture.url("filings", "/filings"))
                .then().statusCode(200).extract().header("X-Transaction-Id");

        EvidenceBundle bundle = sealed(post);
        JsonNode record = JSON.readTree(bundle.record()).path("transaction");
        assertEquals(post, record.path("transactionId").asText());
        assertEquals(fixture.consumer(), record.path("consumer").asText());
        assertEquals(fixture.provider(), record.path("provider").asText());
        assertEquals("POST", record.path("method").asText());
        assertEquals(200, record.path("status").asInt());
        assertEquals(sha256(body), record.path("requestBodySha256").asText(), "the digest of the body as the provider got it");
        assertEquals(sha256(ANSWER), record.path("responseBodySha256").asText(), "the digest of the answer as the consumer got it");
        assertFalse(bundle.record().contains("Nguy"), "never the content");
        assertTrue(bundle.record().getBytes(StandardCharsets.UTF_8).length < 1024, "a record stays under 1 KB: " + bundle.record().length());

        EvidenceVerifier.Verdict verdict = new EvidenceVerifier(List.of(TestKeys.ca().certificate())).verify(bundle);
        assertTrue(verdict.valid(), verdict.toString());
        assertTrue(verdict.part("time stamp").detail().startsWith("made "), "time-stamped by the authority: " + verdict.part("time stamp"));
        assertTrue(verdict.part("trust").detail().contains("LGSP Hub Test CA"), verdict.part("trust").detail());

        // The command an auditor runs, on the file the API gives.
        Path file = Files.createTempFile("evidence-", ".json");
        Files.writeString(file, evidenceResponse(get));
        Path ca = Files.createTempFile("ca-", ".pem");
        Files.writeString(ca, TestKeys.pem(TestKeys.ca().certificate()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = VerifyCommand.run(List.of(file.toString(), "--trust", ca.toString()), new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(0, status, printed.toString(StandardCharsets.UTF_8));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("VALID: transaction " + get));

        // Operators download the same bundle from the console's traffic page; owners cannot.
        String fromConsole = RestAssured.given().redirects().follow(false).cookies(ConsoleAccount.OPERATOR.logIn(base.toString()))
                .get("/console/traffic/" + get + "/evidence").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"evidence-" + get + ".json\"").extract().asString();
        assertEquals(JSON.readTree(evidenceResponse(get)).path("record"), JSON.readTree(fromConsole).path("record"));
        RestAssured.given().redirects().follow(false).cookies(ConsoleAccount.OWNER_A.logIn(base.toString()))
                .get("/console/traffic/" + get + "/evidence").then().statusCode(403);

        // A copy of the checkpoint outside the database.
        long lastSeq = JSON.readTree(bundle.checkpoint().body()).path("lastSeq").asLong();
        try (KafkaTopic checkpoints = new KafkaTopic("lgsp.message-log.checkpoints")) {
            var published = checkpoints.await(r -> {
                try {
                    return JSON.readTree(r.value()).path("body").asText().equals(bundle.checkpoint().body());
                } catch (Exception e) {
                    return false;
                }
            }, 1, Duration.ofSeconds(30));
            assertEquals(bundle.checkpoint().signature(), JSON.readTree(published.get(0).value()).path("signature").asText());
            assertTrue(lastSeq >= bundle.seq());
        }
    }

    @Test
    void tamperingInTheDatabaseIsReportedExactly() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(call());
        }
        EvidenceBundle last = sealed(ids.get(4));
        long first = sealed(ids.get(0)).seq();
        long s2 = sealed(ids.get(1)).seq();
        long s3 = sealed(ids.get(2)).seq();
        assertEquals(List.of(), verification(first, last.seq()).path("problems").findValuesAsText("kind"), "intact at first");

        // Altered: one field of one record.
        List<Object[]> saved = rows(last.instance(), "seq = " + s2);
        execute("UPDATE message_log SET record = replace(record, '\"status\":200', '\"status\":404') WHERE hub_instance = ? AND seq = " + s2, last.instance());
        JsonNode altered = verification(first, last.seq());
        assertEquals(List.of("altered"), altered.path("problems").findValuesAsText("kind"));
        assertEquals(s2, altered.path("problems").get(0).path("seq").asLong());
        EvidenceVerifier.Verdict alteredBundle = new EvidenceVerifier(List.of()).verify(bundle(ids.get(1)));
        assertFalse(alteredBundle.valid());
        assertFalse(alteredBundle.part("chain").passed(), alteredBundle.toString());
        assertTrue(alteredBundle.part("signature").passed(), "the signature still holds; the record no longer matches it");
        restore(saved, true);

        // Removed from the middle.
        saved = rows(last.instance(), "seq = " + s3);
        execute("DELETE FROM message_log WHERE hub_instance = ? AND seq = " + s3, last.instance());
        JsonNode removed = verification(first, last.seq());
        assertEquals(List.of("missing"), removed.path("problems").findValuesAsText("kind"));
        assertEquals(s3, removed.path("problems").get(0).path("seq").asLong());
        assertFalse(new EvidenceVerifier(List.of()).verify(bundle(ids.get(1))).part("chain").passed(), "a link is gone");
        restore(saved, false);

        // The tail cut off: the last record and everything after it.
        saved = rows(last.instance(), "seq >= " + last.seq());
        execute("DELETE FROM message_log WHERE hub_instance = ? AND seq >= " + last.seq(), last.instance());
        JsonNode truncated = verification(first, last.seq() + 1000);
        assertEquals(List.of("truncated"), truncated.path("problems").findValuesAsText("kind"), truncated.toString());
        assertEquals(last.seq(), truncated.path("problems").get(0).path("seq").asLong());
        restore(saved, false);

        assertTrue(verification(first, last.seq()).path("valid").asBoolean(), "intact again once restored");
    }

    @Test
    void aBundleStillVerifiesWithTheCertificateItNamesAfterTheKeyIsRotated() throws Exception {
        EvidenceBundle before = sealed(call());
        Path keyStore = Path.of(ConfigProvider.getConfig().getValue("lgsp.message-log.signing.key-store", String.class));
        TestKeys.writePkcs12(keyStore, TestKeys.issue("LGSP Hub under test (rotated)", false));

        EvidenceBundle after = await().atMost(Duration.ofSeconds(30)).until(() -> sealed(call()),
                b -> !b.checkpoint().certificates().get(0).equals(before.checkpoint().certificates().get(0)));
        EvidenceBundle again = bundle(before.transactionId());
        assertEquals(before.checkpoint().certificates(), again.checkpoint().certificates(), "an old bundle names the old certificate");
        EvidenceVerifier verifier = new EvidenceVerifier(List.of(TestKeys.ca().certificate()));
        assertTrue(verifier.verify(again).valid(), verifier.verify(again).toString());
        assertTrue(verifier.verify(after).valid(), verifier.verify(after).toString());
        assertTrue(verifier.verify(after).part("signature").detail().contains("rotated"));
        assertNotEquals(before.checkpoint().signature(), after.checkpoint().signature());
    }

    @Test
    void whenCheckpointsCannotBeTimeStampedTheHubStopsForwardingAfterTheGracePeriod() throws Exception {
        String tsa = ConfigProvider.getConfig().getValue("lgsp.message-log.time-stamping.url", String.class);
        RestAssured.given().post(tsa.replace("/tsa", "/fail")).then().statusCode(204);
        try {
            call();
            var refused = await().atMost(Duration.ofSeconds(30)).until(() -> fixture.asConsumer().get(fixture.url("records", "/records/1"))
                    .then().extract(), r -> r.statusCode() == 503);
            assertEquals("ledger-unavailable", refused.path("code"));
            assertTrue(refused.path("detail").toString().contains("message log"), refused.asString());
            int hits = fixture.stub().hits();
            fixture.asConsumer().get(fixture.url("records", "/records/2")).then().statusCode(503);
            assertEquals(hits, fixture.stub().hits(), "nothing reached the provider while its call could not be proven");
            assertEquals("DOWN", readiness());
        } finally {
            RestAssured.given().post(tsa.replace("/tsa", "/heal")).then().statusCode(204);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(readiness()));
        call();
    }

    private String call() {
        return fixture.asConsumer().get(fixture.url("records", "/records/1")).then().statusCode(200).extract().header("X-Transaction-Id");
    }

    private static String readiness() {
        return RestAssured.given().get("/q/health/ready").then().extract().path("checks.find { it.name == 'message-log' }.status");
    }

    /** The bundle once a checkpoint covers the transaction (409 evidence-not-sealed until then). */
    private static EvidenceBundle sealed(String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = Api.given().get("/api/v1/transactions/" + id + "/evidence").then().extract();
            if (response.statusCode() == 409) {
                assertEquals("evidence-not-sealed", response.path("code"));
                return null;
            }
            assertEquals(200, response.statusCode(), response.asString());
            return JSON.readValue(response.asString(), EvidenceBundle.class);
        }, b -> b != null);
    }

    private static EvidenceBundle bundle(String id) throws Exception {
        return JSON.readValue(evidenceResponse(id), EvidenceBundle.class);
    }

    private static String evidenceResponse(String id) {
        return Api.given().get("/api/v1/transactions/" + id + "/evidence").then().statusCode(200).extract().asString();
    }

    private static JsonNode verification(long from, long to) throws Exception {
        return JSON.readTree(Api.given().queryParam("from", from).queryParam("to", to).get("/api/v1/message-log/verification")
                .then().statusCode(200).extract().asString());
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(HashChain.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String COLUMNS = "hub_instance, seq, transaction_id, logged_at, record, record_sha256, chain_sha256";

    /** This instance's rows only: other tests keep chains of their own in the same table. */
    private static List<Object[]> rows(String instance, String where) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection db = Database.superuser(); PreparedStatement query = db.prepareStatement("SELECT " + COLUMNS
                + " FROM message_log WHERE hub_instance = ? AND " + where)) {
            query.setString(1, instance);
            ResultSet rs = query.executeQuery();
            while (rs.next()) {
                Object[] row = new Object[7];
                for (int i = 0; i < 7; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        assertFalse(rows.isEmpty(), where);
        return rows;
    }

    private static void restore(List<Object[]> rows, boolean replace) throws Exception {
        try (Connection db = Database.superuser()) {
            for (Object[] row : rows) {
                if (replace) {
                    try (PreparedStatement delete = db.prepareStatement("DELETE FROM message_log WHERE hub_instance = ? AND seq = ?")) {
                        delete.setObject(1, row[0]);
                        delete.setObject(2, row[1]);
                        delete.executeUpdate();
                    }
                }
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO message_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < 7; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void execute(String sql, String instance) throws Exception {
        try (Connection db = Database.superuser(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, instance);
            assertTrue(statement.executeUpdate() >= 1, sql);
        }
    }
}

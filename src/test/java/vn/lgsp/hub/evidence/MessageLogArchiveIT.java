package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closed days exported as archive files that chain into each other, against real PostgreSQL:
 * in order only, each starting with the digest of the one before, reproducible byte for byte,
 * and refused once the records they were made of were altered.
 */
@QuarkusTest
class MessageLogArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void closedDaysChainIntoEachOtherAndAnAlteredDayIsRefused() throws Exception {
        String instance = Api.uniqueCode("archive");
        LocalDate twoDaysAgo = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        LocalDate yesterday = twoDaysAgo.plusDays(1);
        byte[] chain = HashChain.GENESIS;
        for (int seq = 1; seq <= 5; seq++) {
            chain = insert(instance, seq, seq <= 3 ? twoDaysAgo : yesterday, chain);
        }

        ExtractableResponse<Response> early = archive(instance, yesterday, 409);
        assertEquals("archive-out-of-order", early.path("code"));
        assertTrue(early.<String>path("detail").contains(twoDaysAgo.toString()), early.asString());

        ExtractableResponse<Response> first = archive(instance, twoDaysAgo, 200);
        List<JsonNode> lines = lines(first);
        assertEquals(MessageLogArchives.FORMAT, lines.get(0).path("format").asText());
        assertTrue(lines.get(0).path("previousArchiveSha256").isNull(), "the instance's first archive");
        assertEquals(List.of(1L, 2L, 3L), lines.subList(1, 4).stream().map(l -> l.path("seq").asLong()).toList());
        byte[] firstBytes = first.asByteArray();
        assertEquals("sha-256=:" + Base64.getEncoder().encodeToString(HashChain.sha256(firstBytes)) + ":", first.header("Repr-Digest"));

        ExtractableResponse<Response> second = archive(instance, yesterday, 200);
        assertEquals(HexFormat.of().formatHex(HashChain.sha256(firstBytes)), lines(second).get(0).path("previousArchiveSha256").asText(),
                "each archive starts with the digest of the one before");
        assertEquals(List.of(4L, 5L), lines(second).subList(1, 3).stream().map(l -> l.path("seq").asLong()).toList());

        assertArrayEquals(firstBytes, archive(instance, twoDaysAgo, 200).asByteArray(), "exported again, byte for byte the same");

        try (Connection db = Database.superuser(); PreparedStatement alter = db.prepareStatement(
                "UPDATE message_log SET record = replace(record, '\"status\":200', '\"status\":204') WHERE hub_instance = ? AND seq = 2")) {
            alter.setString(1, instance);
            assertEquals(1, alter.executeUpdate());
        }
        assertEquals("archive-mismatch", archive(instance, twoDaysAgo, 409).path("code"));

        assertEquals("archive-day-open", archive(instance, LocalDate.now(ZoneOffset.UTC), 409).path("code"));
        assertEquals("archive-not-found", Api.given().queryParam("instance", instance).queryParam("part", 2)
                .get("/api/v1/message-log/archives/" + twoDaysAgo).then().statusCode(404).extract().path("code"));
        assertEquals("day", Api.given().get("/api/v1/message-log/archives/yesterday").then().statusCode(400).extract().path("field"));
    }

    private static ExtractableResponse<Response> archive(String instance, LocalDate day, int status) {
        return Api.given().queryParam("instance", instance).get("/api/v1/message-log/archives/" + day).then().statusCode(status).extract();
    }

    private static List<JsonNode> lines(ExtractableResponse<Response> archive) {
        return new String(archive.asByteArray(), StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    private static byte[] insert(String instance, long seq, LocalDate day, byte[] previous) throws Exception {
        LoggedTransaction t = new LoggedTransaction("tx-" + instance + "-" + seq, null, day + "T12:00:00Z", day + "T12:00:01Z", "sharing",
                "C01", "P01", "records", "1", "/records/{id}", "GET", null, 200, null, true, 0, 11, null, null, null, null);
        String text = JSON.writeValueAsString(new MessageRecord(MessageRecord.FORMAT, instance, seq, t));
        byte[] digest = HashChain.recordDigest(text);
        byte[] chain = HashChain.link(previous, digest);
        try (Connection db = Database.superuser(); PreparedStatement insert = db.prepareStatement("INSERT INTO message_log "
                + "(hub_instance, seq, transaction_id, logged_at, record, record_sha256, chain_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, instance);
            insert.setLong(2, seq);
            insert.setString(3, t.transactionId());
            insert.setObject(4, OffsetDateTime.of(day.atTime(12, 0, (int) seq), ZoneOffset.UTC));
            insert.setString(5, text);
            insert.setBytes(6, digest);
            insert.setBytes(7, chain);
            insert.executeUpdate();
        }
        return chain;
    }
}

package vn.lgsp.hub.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Database;
import vn.lgsp.hub.testing.ProviderFixture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fail closed, against real PostgreSQL: a call reaches its provider only once its request record
 * is committed, the hub refuses (and says it is not ready) while the ledger cannot write, and the
 * transactions view never shows an unconfirmed call as a success.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailClosedIT {

    private ProviderFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        if (fixture != null) {
            return;
        }
        fixture = new ProviderFixture("failclosed", (request, response) ->
                response.putHeader("Content-Type", "application/json").end("{\"ok\":true}"));
        fixture.service("records", "GET", "/records/{id}", Map.of());
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aCallReachesTheProviderOnlyOnceItsRequestRecordIsCommitted() throws Exception {
        String before = call(200).header("X-Transaction-Id");
        assertEquals(before, fixture.stub().last().headers().get("X-Transaction-Id"));
        assertEquals(1L, count("SELECT count(*) FROM ledger_request WHERE transaction_id = ?", before), "its request record");

        int hits = fixture.stub().hits();
        try (Connection holder = Database.superuser()) {
            // Another session holds the request records' table: inserts wait, as on a hung database.
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE ledger_request IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            ExtractableResponse<Response> refused = call(503);
            long waitedMs = (System.nanoTime() - started) / 1_000_000;

            assertEquals("ledger-unavailable", refused.path("code"));
            assertEquals("1", refused.header("Retry-After"));
            assertTrue(refused.path("transactionId") != null, "the refusal names its transaction");
            assertTrue(waitedMs < 10_000, "refused within the commit deadline (2 s) and a sweep, not left hanging: " + waitedMs + " ms");
            assertEquals(hits, fixture.stub().hits(), "nothing reached the provider while its record could not be written");
            assertEquals("DOWN", ledgerReadiness(), "not ready while the ledger cannot write");
            call(503);
            assertEquals(hits, fixture.stub().hits());
            holder.rollback();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(ledgerReadiness()));
        String after = call(200).header("X-Transaction-Id");
        assertEquals(hits + 1, fixture.stub().hits(), "serving again once the ledger writes");
        assertEquals(1L, count("SELECT count(*) FROM ledger_request WHERE transaction_id = ?", after));
    }

    @Test
    void readinessGoesDownWithoutTrafficWhenTheLedgerCannotWrite() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(ledgerReadiness()));
        int hits = fixture.stub().hits();
        try (Connection holder = Database.superuser()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE ledger_entry IN ACCESS EXCLUSIVE MODE");
            }
            // No call is made: the watchdog's own probe waits past the commit deadline.
            await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(ledgerReadiness()));
            assertEquals("ledger-unavailable", call(503).path("code"), "refused up front while not ready");
            assertEquals(hits, fixture.stub().hits());
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(ledgerReadiness()));
        call(200);
        assertEquals(hits + 1, fixture.stub().hits());
    }

    @Test
    void theTransactionsViewNeverShowsAnUnconfirmedCallAsASuccess() throws Exception {
        String delivered = call(200).header("X-Transaction-Id");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM ledger_completion WHERE transaction_id = ?", delivered) == 1);
        assertEquals(true, transaction(delivered).get("success"));

        // The hub stopped before it wrote the completion: the answer may never have arrived.
        update("DELETE FROM ledger_completion WHERE transaction_id = ?", delivered);
        Map<String, Object> unconfirmed = transaction(delivered);
        assertEquals(false, unconfirmed.get("success"));
        assertEquals("delivery-not-recorded", unconfirmed.get("errorCode"));

        // The hub stopped after the request record and before the outcome.
        String requestOnly = call(200).header("X-Transaction-Id");
        update("DELETE FROM ledger_entry WHERE transaction_id = ?", requestOnly);
        Map<String, Object> noOutcome = transaction(requestOnly);
        assertEquals(false, noOutcome.get("success"));
        assertEquals("outcome-not-recorded", noOutcome.get("errorCode"));
        assertNull(noOutcome.get("statusCode"));
        assertEquals(fixture.provider(), noOutcome.get("provider"));
        List<Object> failed = Api.given().queryParam("transactionId", requestOnly).queryParam("status", "failed")
                .get("/api/v1/transactions").then().statusCode(200).extract().path("items.transactionId");
        assertEquals(List.of(requestOnly), failed, "found among the failed calls");
        assertFalse(Api.given().queryParam("transactionId", requestOnly).queryParam("status", "succeeded")
                .get("/api/v1/transactions").then().statusCode(200).extract().<List<Object>>path("items").iterator().hasNext());
    }

    private ExtractableResponse<Response> call(int status) {
        return fixture.asConsumer().get(fixture.url("records", "/records/1")).then().statusCode(status).extract();
    }

    private static String ledgerReadiness() {
        return RestAssured.given().get("/q/health/ready").then().extract().path("checks.find { it.name == 'ledger' }.status");
    }

    private static Map<String, Object> transaction(String id) {
        List<Map<String, Object>> items = Api.given().queryParam("transactionId", id).get("/api/v1/transactions").then()
                .statusCode(200).extract().path("items");
        assertEquals(1, items.size(), "one row for " + id + ": " + items);
        return items.get(0);
    }

    private static long count(String sql, String param) throws Exception {
        try (Connection db = Database.superuser(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, param);
            var rs = query.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(String sql, String param) throws Exception {
        try (Connection db = Database.superuser(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, param);
            assertEquals(1, statement.executeUpdate(), sql);
        }
    }
}

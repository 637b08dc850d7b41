package vn.lgsp.hub.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.KafkaTopic;
import vn.lgsp.hub.testing.ProviderFixture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger against real PostgreSQL and Kafka: exact, durable, deduplicated, reported. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;
    @Inject
    DailyRollupZone dailyZone;

    private ProviderFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        if (fixture != null) {
            return;
        }
        fixture = new ProviderFixture("ledger", (request, response) -> {
            if (request.uri().startsWith("/api/fail")) {
                response.setStatusCode(503).end("down");
            } else {
                response.putHeader("Content-Type", "application/json").end("{\"ok\":true,\"echo\":" + request.body().length() + "}");
            }
        });
        fixture.service("records", "GET", "/records/{id}", Map.of())
                .service("proof", "POST", "/proof", Map.of("options", Map.of("ledger.digest", "sha256")))
                .service("failing", "GET", "/fail", Map.of());
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void countsExactlyUnderConcurrentLoad() throws Exception {
        int n = 400;
        String consumer = fixture.consumer();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        try (KafkaTopic events = new KafkaTopic("lgsp.transactions")) {
            ExecutorService pool16 = Executors.newFixedThreadPool(16);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                calls.add(pool16.submit(() -> {
                    String tx = fixture.asConsumer().get(fixture.url("records", "/records/" + id + "?cmnd=079123456789"))
                            .then().statusCode(200).extract().header("X-Transaction-Id");
                    answered.add(tx);
                }));
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
            pool16.shutdown();
            assertEquals(n, answered.size());

            List<Row> rows = rows("SELECT transaction_id, path_pattern, status_code, success FROM ledger_entry "
                    + "WHERE transaction_id = ANY($1)", answered.toArray(new String[0]));
            assertEquals(n, rows.size(), "one row per answered request");
            assertEquals(answered, rows.stream().map(r -> r.getString("transaction_id")).collect(Collectors.toSet()));
            assertTrue(rows.stream().allMatch(r -> "/records/{id}".equals(r.getString("path_pattern"))), "pattern, never the raw path");

            long daily = rows("SELECT coalesce(sum(transactions), 0) AS n FROM ledger_daily WHERE consumer_code = $1 "
                    + "AND service_code = 'records'", consumer).get(0).getLong("n");
            long rolledUp = rows("SELECT coalesce(sum(transactions), 0) AS n FROM ledger_hourly WHERE consumer_code = $1 "
                    + "AND service_code = 'records'", consumer).get(0).getLong("n");
            long detail = rows("SELECT count(*) AS n FROM ledger_entry WHERE consumer_code = $1 AND service_code = 'records'", consumer)
                    .get(0).getLong("n");
            assertEquals(detail, rolledUp, "rollups equal the rows");
            assertEquals(detail, daily, "daily rollups equal the rows");

            List<String> evented = events.await(r -> answered.contains(read(r.value()).at("/data/transactionId").asText()),
                            n, Duration.ofSeconds(60)).stream()
                    .map(r -> read(r.value()).at("/data/transactionId").asText()).toList();
            assertEquals(n, evented.size(), "one event per transaction, none twice");
            assertEquals(answered, Set.copyOf(evented));
            assertTrue(events.seen(r -> r.value().contains("079123456789")).isEmpty(), "no query string or personal data in events");
            assertTrue(events.seen(r -> r.value().contains(consumer)).stream().allMatch(r -> fixture.provider().equals(r.key())),
                    "events are keyed by provider");
        }
        assertEquals(0L, rows("SELECT count(*) AS n FROM ledger_entry WHERE fault LIKE '%079123456789%' OR path_pattern LIKE '%079123456789%'",
                null).get(0).getLong("n"));
    }

    @Test
    void aCallerCannotHideCallsBehindOneTransactionIdEveryForwardedCallIsItsOwnRow() {
        String callerId = "reused-" + System.nanoTime();
        int before = fixture.stub().hits();
        List<io.restassured.response.ExtractableResponse<io.restassured.response.Response>> answers = List.of(
                fixture.asConsumer().header("X-Transaction-Id", callerId).get(fixture.url("records", "/records/1")).then()
                        .statusCode(200).extract(),
                fixture.asConsumer().header("X-Transaction-Id", callerId).get(fixture.url("records", "/records/1")).then()
                        .statusCode(200).extract(),
                fixture.asConsumer().header("X-Transaction-Id", callerId).contentType("application/json").body("{}")
                        .post(fixture.url("proof", "/proof")).then().statusCode(200).extract());
        List<String> hubIds = new ArrayList<>();
        for (var answer : answers) {
            assertEquals(callerId, answer.header("X-Correlation-Id"), "the caller's id comes back as the correlation id");
            hubIds.add(answer.header("X-Transaction-Id"));
        }
        assertEquals(3, fixture.stub().hits() - before, "all three calls were forwarded");
        assertEquals(3, new HashSet<>(hubIds).size(), "each forwarded call got its own hub id");
        assertFalse(hubIds.contains(callerId), "the caller's id is never adopted as the hub's");
        List<Row> recorded = rows("SELECT transaction_id, correlation_id FROM ledger_entry WHERE correlation_id = $1", callerId);
        assertEquals(3, recorded.size(), "one ledger row per forwarded call");
        assertEquals(new HashSet<>(hubIds), new HashSet<>(recorded.stream().map(r -> r.getString("transaction_id")).toList()));
        assertEquals(hubIds.get(2), fixture.stub().last().headers().get("X-Transaction-Id"), "the provider sees the hub's id");
        assertEquals(callerId, fixture.stub().last().headers().get("X-Correlation-Id"), "and the caller's as the correlation id");

        List<Object> found = Api.given().queryParam("transactionId", callerId).get("/api/v1/transactions").then().statusCode(200)
                .extract().jsonPath().getList("items.correlationId");
        assertEquals(List.of(callerId, callerId, callerId), found, "searching by the caller's id finds every call");
    }

    @Test
    void recordsRefusalsAndProviderFailuresWithTheirCodes() {
        String outsider = Api.activeSystem(Api.uniqueCode("ledger-outsider"));
        String denied = RestAssured.given().header(ProviderFixture.CONSUMER_HEADER, outsider).get(fixture.url("records", "/records/1"))
                .then().statusCode(403).extract().header("X-Transaction-Id");
        Row deniedRow = rows("SELECT status_code, success, error_code, request_out_at FROM ledger_entry WHERE transaction_id = $1", denied).get(0);
        assertEquals(403, deniedRow.getInteger("status_code"));
        assertEquals("access-denied", deniedRow.getString("error_code"));
        assertFalse(deniedRow.getBoolean("success"));
        assertNull(deniedRow.getValue("request_out_at"), "a refused request never reached the provider");

        String failed = fixture.asConsumer().get(fixture.url("failing", "/fail")).then().statusCode(503).extract().header("X-Transaction-Id");
        Row failedRow = rows("SELECT status_code, success, request_out_at, response_in_at, duration_us FROM ledger_entry "
                + "WHERE transaction_id = $1", failed).get(0);
        assertEquals(503, failedRow.getInteger("status_code"));
        assertFalse(failedRow.getBoolean("success"));
        assertNotNull(failedRow.getValue("request_out_at"));
        assertNotNull(failedRow.getValue("response_in_at"));
        assertTrue(failedRow.getLong("duration_us") > 0);
    }

    @Test
    void keepsDigestsOfBothBodiesWhereTheServiceAsksForProof() throws Exception {
        String body = "{\"soDinhDanh\":\"079123456789\"}";
        var answer = fixture.asConsumer().contentType("application/json").body(body).post(fixture.url("proof", "/proof"))
                .then().statusCode(200).extract();
        String tx = answer.header("X-Transaction-Id");
        byte[] responseBytes = answer.asByteArray();
        Row row = rows("SELECT request_sha256, request_bytes FROM ledger_entry WHERE transaction_id = $1", tx).get(0);
        assertEquals(sha256(body.getBytes(StandardCharsets.UTF_8)), row.getString("request_sha256"));
        assertEquals(body.getBytes(StandardCharsets.UTF_8).length, row.getLong("request_bytes"));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("SELECT response_sha256 FROM ledger_transaction WHERE transaction_id = $1", tx)
                .get(0).getString("response_sha256") != null);
        Row completed = rows("SELECT response_sha256, response_bytes, response_out_at FROM ledger_transaction WHERE transaction_id = $1", tx).get(0);
        assertEquals(sha256(responseBytes), completed.getString("response_sha256"));
        assertEquals(responseBytes.length, completed.getLong("response_bytes"));
        assertNotNull(completed.getValue("response_out_at"));
    }

    @Test
    void reportTotalsEqualTheRows() {
        for (int i = 0; i < 7; i++) {
            fixture.asConsumer().get(fixture.url("records", "/records/" + i)).then().statusCode(200);
        }
        fixture.asConsumer().get(fixture.url("failing", "/fail")).then().statusCode(503);
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        String tomorrow = LocalDate.parse(today).plusDays(1).toString();
        long rowsForProvider = rows("SELECT count(*) AS n FROM ledger_entry WHERE provider_code = $1", fixture.provider()).get(0).getLong("n");
        long failuresForProvider = rows("SELECT count(*) AS n FROM ledger_entry WHERE provider_code = $1 AND NOT success",
                fixture.provider()).get(0).getLong("n");

        List<Map<String, Object>> byService = Api.given().queryParam("from", LocalDate.parse(today).minusDays(1).toString())
                .queryParam("to", tomorrow).queryParam("groupBy", "provider,service").queryParam("interval", "none")
                .get("/api/v1/reports/volume").then().statusCode(200).extract().path("rows");
        long reported = byService.stream().filter(r -> fixture.provider().equals(r.get("provider")))
                .mapToLong(r -> ((Number) r.get("transactions")).longValue()).sum();
        long reportedFailures = byService.stream().filter(r -> fixture.provider().equals(r.get("provider")))
                .mapToLong(r -> ((Number) r.get("failures")).longValue()).sum();
        assertEquals(rowsForProvider, reported);
        assertEquals(failuresForProvider, reportedFailures);

        String csv = new String(Api.given().queryParam("groupBy", "provider").queryParam("format", "csv")
                .get("/api/v1/reports/volume").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFperiod,provider,transactions"), csv);
        assertTrue(csv.contains(fixture.provider()));

        Api.given().queryParam("provider", fixture.provider()).get("/api/v1/reports/latency").then().statusCode(200)
                .body("rows.find { it.service == 'records' }.p95Ms", notNullValue())
                .body("rows.find { it.service == 'records' }.transactions", greaterThanOrEqualTo(7))
                // Bucket edges used to be reported, above the slowest call (p99 32.768 ms, max 19.211 ms).
                .body("rows.findAll { it.p50Ms > it.maxMs || it.p95Ms > it.maxMs || it.p99Ms > it.maxMs }.size()", equalTo(0))
                .body("rows.findAll { it.p50Ms > it.p95Ms || it.p95Ms > it.p99Ms }.size()", equalTo(0));
        Api.given().get("/api/v1/reports/top-services?limit=3").then().statusCode(200).body("rows.size()", greaterThanOrEqualTo(1));
        Api.given().queryParam("provider", fixture.provider()).queryParam("status", "5xx")
                .get("/api/v1/transactions").then().statusCode(200).body("items[0].statusCode", equalTo(503))
                .body("items[0].service", equalTo("failing"));
        Api.problem(Api.given().queryParam("groupBy", "provider;drop table").get("/api/v1/reports/volume").then(),
                400, "invalid-parameter");
        Api.problem(Api.given().queryParam("interval", "week").get("/api/v1/reports/volume").then(), 400, "invalid-parameter");
        Api.problem(Api.given().queryParam("from", "yesterday").get("/api/v1/reports/volume").then(), 400, "invalid-parameter");
    }

    @Test
    void reportsReadWholeDaysFromDailyRollupsAndPartialDaysFromHourlyOnes() {
        for (int i = 0; i < 5; i++) {
            fixture.asConsumer().get(fixture.url("records", "/records/" + i)).then().statusCode(200);
        }
        fixture.asConsumer().get(fixture.url("failing", "/fail")).then().statusCode(503);
        long detail = rows("SELECT count(*) AS n FROM ledger_entry WHERE provider_code = $1", fixture.provider()).get(0).getLong("n");
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        for (String interval : new String[] {"day", "hour", "month", "none"}) {
            assertEquals(detail, volume(today.minusDays(1).toString(), today.plusDays(1).toString(), interval), interval);
        }
        // A period cut at hours, not days: only the hourly rollups can answer it.
        java.time.OffsetDateTime hour = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        long inHours = rows("SELECT count(*) AS n FROM ledger_entry WHERE provider_code = $1 AND received_at >= '" + hour.minusHours(1)
                + "' AND received_at < '" + hour.plusHours(2) + "'", fixture.provider()).get(0).getLong("n");
        assertEquals(inHours, volume(hour.minusHours(1).toString(), hour.plusHours(2).toString(), "none"));

        // Another zone in the configuration rebuilds the daily rollups, which still add up to the hourly ones.
        pool.query("UPDATE ledger_daily_zone SET zone = 'UTC'").execute().await().indefinitely();
        assertTrue(dailyZone.align().await().indefinitely(), "rebuilt");
        assertFalse(dailyZone.align().await().indefinitely(), "already in the configured zone");
        long daily = rows("SELECT coalesce(sum(transactions), 0) AS n FROM ledger_daily WHERE provider_code = $1 AND NOT imported",
                fixture.provider())
                .get(0).getLong("n");
        assertEquals(detail, daily);
        assertEquals(detail, volume(today.minusDays(1).toString(), today.plusDays(1).toString(), "day"));
    }

    @Test
    void reportsAreExactForPeriodsThatCutHours() {
        for (int i = 0; i < 6; i++) {
            fixture.asConsumer().get(fixture.url("records", "/records/cut-" + i)).then().statusCode(200);
        }
        List<java.time.Instant> times = rows("SELECT received_at FROM ledger_entry WHERE provider_code = $1 ORDER BY received_at",
                fixture.provider()).stream().map(r -> r.getOffsetDateTime("received_at").toInstant()).toList();
        java.time.Instant a = times.get(times.size() - 5);
        java.time.Instant b = times.get(times.size() - 2);
        java.time.Instant hour = a.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        java.time.Instant[][] periods = {{a, b}, {hour, a}, {a, hour.plusSeconds(3600)}, {hour.minusSeconds(3600), a},
                {a, hour.plusSeconds(7200)}, {a.minusSeconds(86_400), b}, {a.plusNanos(1000), b.plusNanos(1000)}};
        for (java.time.Instant[] period : periods) {
            long expected = times.stream().filter(t -> !t.isBefore(period[0]) && t.isBefore(period[1])).count();
            for (String interval : new String[] {"none", "hour", "day"}) {
                assertEquals(expected, volume(period[0].toString(), period[1].toString(), interval), period[0] + " to " + period[1] + " by " + interval);
            }
            List<Number> latency = Api.given().queryParam("from", period[0].toString()).queryParam("to", period[1].toString())
                    .queryParam("provider", fixture.provider()).get("/api/v1/reports/latency").then().statusCode(200)
                    .extract().path("rows.transactions");
            assertEquals(expected, latency.stream().mapToLong(Number::longValue).sum(), "latency " + period[0] + " to " + period[1]);
        }
        Api.given().queryParam("from", a.toString()).queryParam("to", b.toString()).get("/api/v1/reports/volume").then()
                .body("from", equalTo(a.toString())).body("to", equalTo(b.toString()));
        // Where the ledger's detail is past its retention, only whole hours can be answered exactly.
        Api.problem(Api.given().queryParam("from", "2019-01-01T07:26:00+07:00").queryParam("to", "2019-01-02")
                .get("/api/v1/reports/volume").then(), 422, "period-not-exact").body("field", equalTo("from"));
        Api.given().queryParam("from", "2019-01-01T07:00:00+07:00").queryParam("to", "2019-01-02").get("/api/v1/reports/volume")
                .then().statusCode(200);
    }

    private long volume(String from, String to, String interval) {
        List<Map<String, Object>> rows = Api.given().queryParam("from", from).queryParam("to", to).queryParam("groupBy", "provider")
                .queryParam("interval", interval).get("/api/v1/reports/volume").then().statusCode(200).extract().path("rows");
        return rows.stream().filter(r -> fixture.provider().equals(r.get("provider")))
                .mapToLong(r -> ((Number) r.get("transactions")).longValue()).sum();
    }

    @Test
    void importedHistoryCountsInTotalsMarkedAsImported() {
        long before = ((Number) Api.given().get("/api/v1/reports/totals").then().statusCode(200).extract().path("sinceStart")).longValue();
        Api.json().body(Map.of("provider", fixture.provider(), "from", "2019-01-01T00:00:00+07:00", "to", "2025-12-31T00:00:00+07:00",
                        "transactions", 40_000_000L, "failures", 12_345L, "note", "Tổng giao dịch LGSP trước khi có hub"))
                .post("/api/v1/ledger/imports").then().statusCode(201).body("transactions", equalTo(40_000_000));
        long after = ((Number) Api.given().get("/api/v1/reports/totals").then().extract().path("sinceStart")).longValue();
        assertEquals(before + 40_000_000L, after);
        Api.given().queryParam("from", "2019-01-01").queryParam("to", "2019-01-02").queryParam("groupBy", "provider,status")
                .queryParam("interval", "none").get("/api/v1/reports/volume").then().statusCode(200)
                .body("rows.find { it.provider == '" + fixture.provider() + "' }.status", equalTo("imported"));
        Api.given().queryParam("from", "2019-01-01").queryParam("to", "2019-01-02").queryParam("includeImported", "false")
                .queryParam("interval", "none").get("/api/v1/reports/volume").then().statusCode(200).body("totals.transactions", equalTo(0));
        Api.problem(Api.json().body(Map.of("provider", fixture.provider(), "from", "2020-01-01T00:00:00Z", "to", "2019-01-01T00:00:00Z",
                "transactions", 5, "note", "x")).post("/api/v1/ledger/imports").then(), 400, "invalid-field").body("field", equalTo("to"));
    }

    @Test
    void exposesLiveMetricsWithBoundedTags() {
        fixture.asConsumer().get(fixture.url("records", "/records/9")).then().statusCode(200);
        Api.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lgsp_transactions_total{consumer=\"" + fixture.consumer() + "\",outcome=\"success\",provider=\""
                        + fixture.provider() + "\",road=\"sharing\",service=\"records\"}"))
                .body(containsString("lgsp_transaction_duration_seconds_bucket"));
    }

    private List<Row> rows(String sql, Object param) {
        var query = pool.preparedQuery(sql);
        var result = param == null ? query.execute().await().atMost(Duration.ofSeconds(10))
                : query.execute(Tuple.of(param)).await().atMost(Duration.ofSeconds(10));
        List<Row> rows = new ArrayList<>();
        result.forEach(rows::add);
        return rows;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package vn.lgsp.hub.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ProviderFixture;
import vn.lgsp.hub.testing.stub.StubServer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection report against real PostgreSQL and Kafka, with provider stubs that go up and
 * down. Each test owns catalogue entries no other test links (C05..C09), since entries are
 * shared by the whole run.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionReportIT {

    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** How a stub answers: up (200), down (503), or flapping in the cycle up, down, down. */
    enum Mode { UP, DOWN, FLAP }

    @Inject
    Pool pool;
    @Inject
    ProbeRepository probes;

    private final Vertx vertx = Vertx.vertx();
    private final List<StubServer> stubs = new ArrayList<>();
    private final ConnectionEventLog events = new ConnectionEventLog();

    @AfterAll
    void tearDown() throws Exception {
        for (StubServer stub : stubs) {
            stub.close();
        }
        events.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private StubServer stub(AtomicReference<Mode> mode, AtomicInteger probeHits) throws Exception {
        AtomicInteger cycle = new AtomicInteger();
        StubServer stub = StubServer.start(vertx, (request, response) -> {
            boolean probe = request.uri().endsWith("/health");
            if (probe) {
                probeHits.incrementAndGet();
            }
            Mode m = mode.get();
            boolean up = m == Mode.UP || (m == Mode.FLAP && (!probe || cycle.getAndIncrement() % 3 == 0));
            response.setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(up ? "{\"ok\":true}" : "{}");
        });
        stubs.add(stub);
        return stub;
    }

    // --- helpers -------------------------------------------------------------------------

    private static String linkedSystem(String prefix, String catalogueId) {
        String code = Api.uniqueCode(prefix);
        Map<String, Object> body = Api.system(code);
        body.put("catalogueId", catalogueId);
        return Api.registerSystem(body);
    }

    private static void activate(String code) {
        for (String action : new String[] {"submit", "approve"}) {
            Api.json().body(Map.of("action", action)).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);
        }
    }

    private static void putProbe(String system, int intervalSeconds) {
        Api.json().body(Map.of("target", "/health", "intervalSeconds", intervalSeconds, "timeoutMs", 1000))
                .put("/api/v1/systems/" + system + "/endpoints/main/probe").then().statusCode(200)
                .body("target", equalTo("/health")).body("intervalSeconds", equalTo(intervalSeconds));
    }

    private static Map<String, Object> row(String catalogueId) {
        List<Map<String, Object>> rows = Api.given().get("/api/v1/reports/connections").then().statusCode(200).extract().path("rows");
        return rows.stream().filter(r -> catalogueId.equals(r.get("catalogueId"))).findFirst().orElseThrow();
    }

    private static String status(String catalogueId) {
        return (String) row(catalogueId).get("status");
    }

    private static List<String> history(String catalogueId) {
        return Api.given().get("/api/v1/reports/connections/" + catalogueId + "/history").then().statusCode(200)
                .extract().path("items.status");
    }

    private static Map<String, Double> gauge() {
        String metrics = Api.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^lgsp_connections\\{status=\"([a-z_]+)\"} ([0-9.E+-]+)$").matcher(metrics);
        Map<String, Double> out = new HashMap<>();
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    private static String today() {
        return LocalDate.now(ZONE).toString();
    }

    // --- tests ---------------------------------------------------------------------------

    @Test
    void probesTakeAnEntryThroughEveryStatusWithOneEventPerChange() throws Exception {
        String entry = "C05";
        AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
        StubServer stub = stub(mode, new AtomicInteger());
        await().atMost(SETTLE).until(() -> status(entry).equals("not_registered"));

        String system = linkedSystem("conn-probe", entry);
        await().atMost(SETTLE).until(() -> status(entry).equals("registered"));
        activate(system);
        Api.addEndpoint(system, Api.httpEndpoint("main", stub.uri("/api").toString()));
        assertEquals("registered", status(entry), "active but nothing published yet");
        Api.publish(system, Api.restService("records", "main"));
        await().atMost(SETTLE).until(() -> status(entry).equals("disconnected"));

        putProbe(system, 1);
        await().atMost(SETTLE).until(() -> status(entry).equals("connected"));
        Map<String, Object> connected = row(entry);
        assertEquals(system, connected.get("systemCode"));
        assertNotNull(connected.get("firstConnectedAt"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) connected.get("lastProbe")).get("up"));
        await().atMost(SETTLE).until(() -> gauge().getOrDefault("connected", 0.0) >= 1);
        Map<String, Double> gauge = gauge();
        assertEquals(36.0, gauge.values().stream().mapToDouble(Double::doubleValue).sum(), "every entry counted under one status");

        mode.set(Mode.DOWN);
        await().atMost(SETTLE).until(() -> status(entry).equals("degraded"));
        Map<String, Object> degraded = row(entry);
        assertEquals("probe", degraded.get("degradedBy"));
        assertNotNull(degraded.get("degradedSince"));
        Map<?, ?> lastProbe = (Map<?, ?>) degraded.get("lastProbe");
        assertEquals(Boolean.FALSE, lastProbe.get("up"));
        assertEquals("status 503", lastProbe.get("detail"));

        await().atMost(SETTLE).until(() -> status(entry).equals("disconnected"));
        mode.set(Mode.UP);
        await().atMost(SETTLE).until(() -> status(entry).equals("connected"));

        List<String> expected = List.of("not_registered", "registered", "disconnected", "connected", "degraded", "disconnected", "connected");
        assertEquals(expected, history(entry));
        await().atMost(SETTLE).until(() -> events.statuses(entry).size() >= expected.size());
        // No duplicates or extra changes arrive later.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> events.statuses(entry).equals(expected));
        List<JsonNode> data = events.of(entry);
        for (int i = 1; i < data.size(); i++) {
            assertEquals(data.get(i - 1).path("status").asText(), data.get(i).path("previousStatus").asText());
        }
        assertEquals("probe", data.get(4).path("cause").asText());
        assertEquals(system, data.get(6).path("systemCode").asText());

        // The per-endpoint probe summary and the health view show the same.
        Api.given().get("/api/v1/systems/" + system + "/endpoints/main/probe").then().statusCode(200)
                .body("last.up", equalTo(true)).body("consecutiveFailures", equalTo(0));
        Api.given().get("/api/v1/systems/" + system + "/health").then().statusCode(200)
                .body("endpoints[0].probe.up", equalTo(true)).body("services[0].service", equalTo("records"));
        Integer results = pool.preparedQuery("SELECT count(*)::int AS n FROM probe_result r JOIN endpoint e ON e.id = r.endpoint_id "
                        + "JOIN information_system s ON s.id = e.system_id WHERE s.code = $1 AND NOT r.up").execute(Tuple.of(system))
                .await().indefinitely().iterator().next().getInteger("n");
        assertTrue(results >= 2, "failed probes are kept in the probe history");
        Integer ledger = pool.preparedQuery("SELECT count(*)::int AS n FROM ledger_entry WHERE provider_code = $1").execute(Tuple.of(system))
                .await().indefinitely().iterator().next().getInteger("n");
        assertEquals(0, ledger, "probes are not data-sharing transactions");
    }

    @Test
    void transactionsAloneProveAConnectionAndTheirFailuresDegradeIt() throws Exception {
        String entry = "C06";
        AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
        StubServer stub = stub(mode, new AtomicInteger());
        String provider = linkedSystem("conn-traffic", entry);
        activate(provider);
        Api.addEndpoint(provider, Api.httpEndpoint("main", stub.uri("/api").toString()));
        Api.publish(provider, Api.restService("records", "main"));
        String consumer = Api.activeSystem(Api.uniqueCode("conn-traffic-consumer"));
        Api.grant(consumer, provider, "records");
        await().atMost(SETTLE).until(() -> status(entry).equals("disconnected"));

        Api.given().header(ProviderFixture.CONSUMER_HEADER, consumer).get("/share/" + provider + "/records/records/1")
                .then().statusCode(200);
        await().atMost(SETTLE).until(() -> status(entry).equals("connected"));
        Map<String, Object> row = row(entry);
        assertNotNull(row.get("lastSuccessfulTransaction"));
        assertEquals(1, ((Number) row.get("transactionsThisMonth")).intValue());
        assertNull(row.get("lastProbe"), "no probe registered: traffic is the only evidence");

        mode.set(Mode.DOWN);
        for (int i = 0; i < 3; i++) {
            Api.given().header(ProviderFixture.CONSUMER_HEADER, consumer).get("/share/" + provider + "/records/records/" + i)
                    .then().statusCode(503);
        }
        await().atMost(SETTLE).until(() -> status(entry).equals("degraded"));
        assertEquals("transactions", row(entry).get("degradedBy"));
        assertEquals(4, ((Number) row(entry).get("transactionsThisMonth")).intValue());

        Api.given().get("/api/v1/systems/" + provider + "/health").then().statusCode(200)
                .body("services[0].service", equalTo("records"))
                .body("services[0].successes", equalTo(1))
                .body("services[0].failures", equalTo(3))
                .body("services[0].lastSuccessAt", notNullValue())
                .body("services[0].lastFailureAt", notNullValue())
                .body("services[0].minDurationMs", notNullValue())
                .body("services[0].maxDurationMs", notNullValue())
                .body("services[0].avgDurationMs", notNullValue());
    }

    @Test
    void aFlappingEndpointDoesNotFloodEvents() throws Exception {
        String entry = "C07";
        AtomicReference<Mode> mode = new AtomicReference<>(Mode.UP);
        AtomicInteger probeHits = new AtomicInteger();
        StubServer stub = stub(mode, probeHits);
        String system = linkedSystem("conn-flap", entry);
        activate(system);
        Api.addEndpoint(system, Api.httpEndpoint("main", stub.uri("/api").toString()));
        Api.publish(system, Api.restService("records", "main"));
        putProbe(system, 1);
        await().atMost(SETTLE).until(() -> status(entry).equals("connected"));
        await().atMost(SETTLE).until(() -> {
            List<String> s = events.statuses(entry);
            return !s.isEmpty() && s.get(s.size() - 1).equals("connected");
        });
        int before = events.statuses(entry).size();

        // Up, down, down, up, down, down, ...: two failures in a row make the evidence say
        // degraded every few seconds, but never for the whole settle time.
        mode.set(Mode.FLAP);
        int start = probeHits.get();
        AtomicInteger streaks = new AtomicInteger();
        AtomicReference<Integer> lastFailures = new AtomicReference<>(0);
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> {
            int failures = Api.given().get("/api/v1/systems/" + system + "/endpoints/main/probe").then().extract().path("consecutiveFailures");
            if (failures >= 2 && lastFailures.get() < 2) {
                streaks.incrementAndGet();
            }
            lastFailures.set(failures);
            return probeHits.get() - start >= 9 && streaks.get() >= 2;
        });
        assertTrue(streaks.get() >= 2, "the endpoint failed often enough to degrade without hysteresis");
        mode.set(Mode.UP);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> events.statuses(entry).size() == before);
        assertEquals("connected", status(entry));
        assertFalse(history(entry).contains("degraded"));
    }

    @Test
    void reportHasTotalsByScopeAsJsonCsvAndHtml() {
        String unlisted = Api.uniqueCode("conn-unlisted");
        Map<String, Object> body = Api.system(unlisted);
        body.put("nameVi", "Hệ thống <img src=x onerror=alert(1)> & mới");
        body.put("nameEn", "New <b>system</b>");
        Api.registerSystem(body);
        await().atMost(SETTLE).until(() -> status("C09").equals("not_registered"));

        Response json = Api.given().get("/api/v1/reports/connections");
        json.then().statusCode(200).body("rows.size()", equalTo(36))
                .body("totals.all.listed", equalTo(36)).body("totals.central.listed", equalTo(24))
                .body("totals.provincial.listed", equalTo(12));
        List<Map<String, Object>> rows = json.path("rows");
        for (String scope : new String[] {"central", "provincial"}) {
            long working = rows.stream().filter(r -> scope.equals(r.get("scope")))
                    .filter(r -> r.get("status").equals("connected") || r.get("status").equals("degraded")).count();
            assertEquals(working, ((Number) json.path("totals." + scope + ".connected")).longValue());
            assertEquals(working + "/" + (scope.equals("central") ? 24 : 12), json.path("totals." + scope + ".text"));
        }
        Map<String, Object> c01 = rows.get(0);
        assertEquals("C01", c01.get("catalogueId"));
        assertEquals("Cơ sở dữ liệu quốc gia về Đăng ký doanh nghiệp", c01.get("nameVi"));
        assertEquals("Bộ Kế hoạch và Đầu tư", c01.get("ownerVi"));
        List<Map<String, Object>> others = json.path("unlisted");
        Map<String, Object> mine = others.stream().filter(u -> unlisted.equals(u.get("systemCode"))).findFirst().orElseThrow();
        assertEquals("registered", mine.get("status"));
        assertEquals("draft", mine.get("systemStatus"));

        byte[] csv = Api.given().get("/api/v1/reports/connections?format=csv").then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")).extract().asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(csv, 3));
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        assertEquals(String.join(",", ConnectionReportCsv.COLUMNS), lines[0]);
        assertTrue(lines[1].startsWith("catalogue,C01,central,Cơ sở dữ liệu quốc gia về Đăng ký doanh nghiệp,"), lines[1]);
        assertTrue(text.contains("\r\nunlisted,,provincial,Hệ thống <img src=x onerror=alert(1)> & mới,"));
        assertEquals(1 + 36 + others.size(), lines.length);
        assertTrue(lines[9].startsWith("catalogue,C09,") && lines[9].contains(",not_registered,"), lines[9]);

        String vi = Api.given().get("/api/v1/reports/connections.html").then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/html")).extract().asString();
        assertTrue(vi.contains("<html lang=\"vi\">"));
        assertTrue(vi.contains("Báo cáo kết nối các hệ thống thông tin"));
        assertTrue(vi.contains("Tất cả</td><td class=\"num\">" + json.path("totals.all.connected") + "/36"));
        assertTrue(vi.contains("Cơ sở dữ liệu quốc gia về Đăng ký doanh nghiệp"));
        assertTrue(vi.contains("Hệ thống &lt;img src=x onerror=alert(1)&gt; &amp; mới"));
        assertFalse(vi.contains("<img src=x"));
        String en = Api.given().get("/api/v1/reports/connections.html?lang=en").then().statusCode(200).extract().asString();
        assertTrue(en.contains("<html lang=\"en\">"));
        assertTrue(en.contains("National business registration database"));
        assertTrue(en.contains("New &lt;b&gt;system&lt;/b&gt;"));
        Api.problem(Api.given().get("/api/v1/reports/connections.html?lang=fr").then(), 400, "invalid-parameter").body("field", equalTo("lang"));
        Api.problem(Api.given().get("/api/v1/reports/connections?format=xml").then(), 400, "invalid-parameter").body("field", equalTo("format"));
    }

    @Test
    void historyGivesEveryEntryItsStatusAtAPastDate() {
        String entry = "C08";
        await().atMost(SETTLE).until(() -> !history(entry).isEmpty());
        LocalDate today = LocalDate.now(ZONE);
        // An earlier hub's record: C08 connected from 20 to 10 days ago.
        pool.preparedQuery("INSERT INTO connection_status_history (catalogue_id, system_code, status, since, until) "
                        + "VALUES ($1, 'old-evn', 'connected', $2, $3)")
                .execute(Tuple.of(entry, today.minusDays(20).atStartOfDay(ZONE).toOffsetDateTime(),
                        today.minusDays(10).atStartOfDay(ZONE).toOffsetDateTime()))
                .await().indefinitely();

        String past = today.minusDays(15).toString();
        Response then = Api.given().get("/api/v1/reports/connections?at=" + past);
        then.then().statusCode(200).body("at", equalTo(past)).body("rows.size()", equalTo(36))
                .body("totals.all.connected", equalTo(1)).body("totals.all.text", equalTo("1/36"));
        List<Map<String, Object>> rows = then.path("rows");
        Map<String, Object> c08 = rows.stream().filter(r -> entry.equals(r.get("catalogueId"))).findFirst().orElseThrow();
        assertEquals("connected", c08.get("status"));
        assertEquals("old-evn", c08.get("systemCode"));
        assertNotNull(c08.get("firstConnectedAt"));
        assertTrue(rows.stream().filter(r -> !entry.equals(r.get("catalogueId"))).allMatch(r -> r.get("status").equals("unknown")),
                "the hub has no record of the others then");
        assertNull(then.path("unlisted"));

        Api.given().get("/api/v1/reports/connections?at=" + today.minusDays(5)).then().statusCode(200)
                .body("rows.find { it.catalogueId == 'C08' }.status", equalTo("unknown"));
        // Today every entry has the status the evaluator recorded.
        Response now = Api.given().get("/api/v1/reports/connections?at=" + today());
        List<Map<String, Object>> todays = now.path("rows");
        assertTrue(todays.stream().noneMatch(r -> r.get("status").equals("unknown")));
        String csv = Api.given().get("/api/v1/reports/connections?format=csv&at=" + past).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("lgsp-connections-" + past + ".csv")).extract().asString();
        assertTrue(csv.contains("catalogue,C08,central,"));
        String html = Api.given().get("/api/v1/reports/connections.html?lang=en&at=" + past).then().statusCode(200).extract().asString();
        assertTrue(html.contains("Status at the end of"));
        assertTrue(html.contains("All</td><td class=\"num\">1/36"));

        Api.problem(Api.given().get("/api/v1/reports/connections?at=2026-13-01").then(), 400, "invalid-parameter").body("field", equalTo("at"));
        Api.problem(Api.given().get("/api/v1/reports/connections?at=" + today.plusDays(2)).then(), 400, "invalid-parameter");
        Api.problem(Api.given().get("/api/v1/reports/connections/C99/history").then(), 404, "catalogue-entry-not-found");
    }

    @Test
    void probeSettingsAreValidatedAndOneInstanceClaimsADueProbe() throws Exception {
        StubServer stub = stub(new AtomicReference<>(Mode.UP), new AtomicInteger());
        String system = Api.activeSystem(Api.uniqueCode("conn-lease"));
        Api.addEndpoint(system, Api.httpEndpoint("main", stub.uri("/api").toString()));
        String path = "/api/v1/systems/" + system + "/endpoints/main/probe";
        Api.problem(Api.given().get(path).then(), 404, "probe-not-found");
        Api.problem(Api.json().body(Map.of("target", "/health", "intervalSeconds", 0)).put(path).then(), 400, "invalid-field")
                .body("field", equalTo("intervalSeconds"));
        Api.problem(Api.json().body(Map.of("intervalSeconds", 60)).put(path).then(), 400, "invalid-field").body("field", equalTo("target"));
        Api.problem(Api.json().body(Map.of("target", "/health", "timeoutMs", 10)).put(path).then(), 400, "invalid-field")
                .body("field", equalTo("timeoutMs"));
        Api.problem(Api.given().get("/api/v1/systems/" + system + "/endpoints/nope/probe").then(), 404, "endpoint-not-found");

        Api.json().body(Map.of("target", "/health", "intervalSeconds", 3600)).put(path).then().statusCode(200)
                .body("intervalSeconds", equalTo(3600)).body("timeoutMs", equalTo(5000));
        UUID endpointId = pool.preparedQuery("SELECT e.id FROM endpoint e JOIN information_system s ON s.id = e.system_id WHERE s.code = $1")
                .execute(Tuple.of(system)).await().indefinitely().iterator().next().getUUID("id");

        pool.preparedQuery("UPDATE endpoint_probe SET next_probe_at = now() - interval '1 second' WHERE endpoint_id = $1")
                .execute(Tuple.of(endpointId)).await().indefinitely();
        // Two instances claiming at once, each in a transaction it has not committed yet: the
        // first holds the probe, the second skips it. Both roll back, so no other test's probe
        // stays claimed.
        SqlConnection a = pool.getConnection().await().indefinitely();
        SqlConnection b = pool.getConnection().await().indefinitely();
        try {
            Transaction ta = a.begin().await().indefinitely();
            Transaction tb = b.begin().await().indefinitely();
            List<ProbeRepository.Claim> first = probes.claim(a, "instance-a", 1000, Duration.ofSeconds(30)).await().indefinitely();
            List<ProbeRepository.Claim> second = probes.claim(b, "instance-b", 1000, Duration.ofSeconds(30)).await().indefinitely();
            long inFirst = first.stream().filter(c -> c.endpointId().equals(endpointId)).count();
            long inSecond = second.stream().filter(c -> c.endpointId().equals(endpointId)).count();
            assertEquals(0, inSecond, "the second instance must not run a probe the first claimed");
            if (inFirst == 1) {
                Row lease = a.preparedQuery("SELECT claimed_by, next_probe_at > now() + interval '30 seconds' AS leased FROM endpoint_probe "
                        + "WHERE endpoint_id = $1").execute(Tuple.of(endpointId)).await().indefinitely().iterator().next();
                assertEquals("instance-a", lease.getString("claimed_by"));
                assertTrue(lease.getBoolean("leased"), "the lease outlasts the probe's timeout");
            } else {
                // This instance's own scheduler got there first (it ticks every 100 ms): still only one.
                assertEquals(0, inFirst);
            }
            tb.rollback().await().indefinitely();
            ta.rollback().await().indefinitely();
        } finally {
            a.close().await().indefinitely();
            b.close().await().indefinitely();
        }
        Api.given().delete(path).then().statusCode(204);
        Api.problem(Api.given().get(path).then(), 404, "probe-not-found");
    }
}

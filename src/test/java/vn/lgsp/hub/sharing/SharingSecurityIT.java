package vn.lgsp.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Database;
import vn.lgsp.hub.testing.Jwts;
import vn.lgsp.hub.testing.Role;
import vn.lgsp.hub.testing.TokenIdentification;
import vn.lgsp.hub.testing.Tokens;
import vn.lgsp.hub.testing.stub.StubServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharing API as production runs it: callers identified only by their OIDC client-credentials
 * token (no trusted header), grants requested and decided by the owners, revocation, quotas.
 */
@QuarkusTest
@TestProfile(TokenIdentification.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingSecurityIT {

    private Vertx vertx;
    private StubServer stub;
    private final AtomicInteger hits = new AtomicInteger();
    private String provider;
    private String base;

    /** A consumer system of organisation A, with its own integrator client in Keycloak mapped to it. */
    private record Consumer(String code, String clientId, String secret) {
        String token() {
            return Tokens.of(clientId, secret);
        }

        RequestSpecification call() {
            return Api.bearer(token());
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        if (vertx != null) {
            return;
        }
        vertx = Vertx.vertx();
        stub = StubServer.start(vertx, (request, response) -> {
            hits.incrementAndGet();
            response.putHeader("Content-Type", "application/json").end("{\"path\":\"" + request.uri().split("\\?")[0] + "\"}");
        });
        provider = Api.uniqueCode("provider-b");
        Api.jsonAs(Role.OWNER_B).body(Api.system(provider)).post("/api/v1/systems").then().statusCode(201);
        Api.jsonAs(Role.OWNER_B).body(Map.of("action", "submit")).post("/api/v1/systems/" + provider + "/lifecycle").then().statusCode(200);
        Api.json().body(Map.of("action", "approve")).post("/api/v1/systems/" + provider + "/lifecycle").then().statusCode(200);
        Api.jsonAs(Role.OWNER_B).body(Api.httpEndpoint("main", stub.uri("/api").toString()))
                .post("/api/v1/systems/" + provider + "/endpoints").then().statusCode(201);
        for (String service : new String[] {"records", "secret-records", "limited", "daily"}) {
            Map<String, Object> body = Api.restService(service, "main");
            body.put("pathPattern", "/records/**");
            Api.jsonAs(Role.OWNER_B).body(body).post("/api/v1/systems/" + provider + "/services").then().statusCode(201);
            Api.jsonAs(Role.OWNER_B).body(Map.of("action", "publish"))
                    .post("/api/v1/systems/" + provider + "/services/" + service + "/1.0/lifecycle").then().statusCode(200);
        }
        base = "/share/" + provider + "/";
    }

    @AfterAll
    void tearDown() throws Exception {
        stub.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private Consumer consumer() {
        String code = Api.uniqueCode("consumer-a");
        Api.jsonAs(Role.OWNER_A).body(Api.system(code)).post("/api/v1/systems").then().statusCode(201);
        Api.jsonAs(Role.OWNER_A).body(Map.of("action", "submit")).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);
        Api.json().body(Map.of("action", "approve")).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);
        String clientId = "client-" + code;
        String secret = Tokens.createIntegrator(clientId);
        Api.mapClient(code, clientId);
        return new Consumer(code, clientId, secret);
    }

    /** The consumer's owner (org A) asks; the provider's owner (org B) approves. */
    private String grant(Consumer consumer, String service, Map<String, Object> extra) {
        Map<String, Object> request = new HashMap<>(Map.of("consumerSystem", consumer.code(), "providerSystem", provider,
                "serviceCode", service, "purpose", "Xác minh hồ sơ thủ tục hành chính"));
        request.putAll(extra);
        String id = Api.jsonAs(Role.OWNER_A).body(request).post("/api/v1/grants").then().statusCode(201)
                .body("status", equalTo("requested")).body("requestedBy", equalTo("lgsp-owner-a")).extract().path("id");
        Api.jsonAs(Role.OWNER_B).body(Map.of("reason", "đúng mục đích")).post("/api/v1/grants/" + id + "/approve").then()
                .statusCode(200).body("status", equalTo("active")).body("decidedBy", equalTo("lgsp-owner-b"));
        return id;
    }

    @Test
    void theTokensClientIdIsTheCallingSystem() {
        Consumer consumer = consumer();
        grant(consumer, "records", Map.of());
        consumer.call().get(base + "records/records/1").then().statusCode(200).body("path", equalTo("/api/records/1"));
        assertEquals(consumer.code(), stub.last().headers().get("X-LGSP-Consumer"));
        assertEquals(null, stub.last().headers().get("Authorization"), "the caller's token never reaches the provider");
    }

    @Test
    void callersWithoutAValidIntegratorTokenAreRefused() {
        Consumer consumer = consumer();
        grant(consumer, "records", Map.of());
        int before = hits.get();
        Api.problem(Api.anonymous().get(base + "records/records/1").then(), 401, "unauthenticated");
        Api.problem(Api.anonymous().header("X-LGSP-Test-Consumer", consumer.code()).get(base + "records/records/1").then(),
                401, "unauthenticated");
        Api.problem(Api.bearer(Jwts.tamperedPayload(consumer.token())).get(base + "records/records/1").then(), 401, "unauthenticated");
        Api.problem(Api.bearer(Jwts.algNone(consumer.token())).get(base + "records/records/1").then(), 401, "unauthenticated");
        Api.problem(Api.bearer(Jwts.signedWithWrongKey(consumer.token())).get(base + "records/records/1").then(), 401, "unauthenticated");
        Api.problem(Api.bearer(Role.OTHER_AUDIENCE.token()).get(base + "records/records/1").then(), 401, "unauthenticated");
        Api.problem(Api.as(Role.ADMIN).get(base + "records/records/1").then(), 403, "forbidden");
        Api.problem(Api.as(Role.OWNER_A).get(base + "records/records/1").then(), 403, "forbidden");
        String unmapped = Api.uniqueCode("unmapped");
        Api.problem(Api.bearer(Tokens.of(unmapped, Tokens.createIntegrator(unmapped))).get(base + "records/records/1").then(),
                403, "consumer-not-active");
        assertEquals(before, hits.get(), "nothing reached the provider");
    }

    @Test
    void anIntegratorCannotCallAServiceItHoldsNoGrantFor() {
        Consumer consumer = consumer();
        grant(consumer, "records", Map.of());
        Api.problem(consumer.call().get(base + "secret-records/records/1").then(), 403, "access-denied");
        await().atMost(Duration.ofSeconds(10)).until(() -> Api.as(Role.OPERATOR)
                .get("/api/v1/audit?outcome=denied&actor=" + consumer.code() + "&size=50").then().extract().jsonPath().getInt("total") >= 1);
        Api.as(Role.OWNER_B).get("/api/v1/audit?outcome=denied&system=" + provider).then().statusCode(200)
                .body("items.actor", org.hamcrest.Matchers.hasItem(consumer.code()));
    }

    @Test
    void theGrantWorkflowIsEnforcedOnEveryStep() {
        Consumer consumer = consumer();
        Map<String, Object> request = Map.of("consumerSystem", consumer.code(), "providerSystem", provider,
                "serviceCode", "secret-records", "purpose", "Thống kê");
        // Owner B does not own the consumer: cannot ask on its behalf.
        Api.problem(Api.jsonAs(Role.OWNER_B).body(request).post("/api/v1/grants").then(), 403, "forbidden");
        String id = Api.jsonAs(Role.OWNER_A).body(request).post("/api/v1/grants").then().statusCode(201)
                .body("status", equalTo("requested")).extract().path("id");
        Api.problem(consumer.call().get(base + "secret-records/records/1").then(), 403, "access-denied");
        // The requester cannot approve its own request for someone else's service.
        Api.problem(Api.jsonAs(Role.OWNER_A).body(Map.of()).post("/api/v1/grants/" + id + "/approve").then(), 403, "forbidden");
        Api.problem(Api.jsonAs(Role.OPERATOR).body(Map.of()).post("/api/v1/grants/" + id + "/approve").then(), 403, "forbidden");
        Api.jsonAs(Role.OWNER_B).body(Map.of("reason", "không đủ căn cứ")).post("/api/v1/grants/" + id + "/reject").then()
                .statusCode(200).body("status", equalTo("rejected"));
        Api.problem(Api.jsonAs(Role.OWNER_B).body(Map.of()).post("/api/v1/grants/" + id + "/approve").then(), 409, "invalid-transition");
        Api.problem(consumer.call().get(base + "secret-records/records/1").then(), 403, "access-denied");
        Api.as(Role.OWNER_A).get("/api/v1/grants/" + id).then().statusCode(200).body("decisionReason", equalTo("không đủ căn cứ"));
    }

    @Test
    void aRevokedGrantStopsWithinASecondAndEitherSideMayRevoke() {
        Consumer consumer = consumer();
        String id = grant(consumer, "records", Map.of());
        consumer.call().get(base + "records/records/1").then().statusCode(200);
        String outsider = Api.uniqueCode("outsider");
        Api.jsonAs(Role.ADMIN).body(Api.system(outsider)).post("/api/v1/systems").then().statusCode(201);
        Api.jsonAs(Role.OWNER_A).body(Map.of("reason", "hết nhu cầu")).post("/api/v1/grants/" + id + "/revoke").then()
                .statusCode(200).body("status", equalTo("revoked")).body("revokedBy", equalTo("lgsp-owner-a"));
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> consumer.call().get(base + "records/records/1").statusCode() == 403);
        Api.problem(consumer.call().get(base + "records/records/1").then(), 403, "access-denied");

        String second = grant(consumer, "records", Map.of());
        consumer.call().get(base + "records/records/1").then().statusCode(200);
        Api.jsonAs(Role.OWNER_B).body(Map.of()).post("/api/v1/grants/" + second + "/revoke").then().statusCode(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> consumer.call().get(base + "records/records/1").statusCode() == 403);
    }

    @Test
    void aRevokedClientCannotReplayItsStillUnexpiredToken() {
        Consumer consumer = consumer();
        grant(consumer, "records", Map.of());
        String token = consumer.token();
        Api.bearer(token).get(base + "records/records/1").then().statusCode(200);
        // Keycloak stops issuing tokens to the disabled client ...
        Tokens.disableClient(consumer.clientId());
        assertEquals(401, Tokens.tokenStatus(consumer.clientId(), consumer.secret()));
        // ... and the hub stops honouring its existing token once the admin unmaps the client.
        Api.mapClient(consumer.code(), "");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> Api.bearer(token).get(base + "records/records/1").statusCode() == 403);
        Api.problem(Api.bearer(token).get(base + "records/records/1").then(), 403, "consumer-not-active");
    }

    @Test
    void aSuspendedConsumerIsRefusedAtOnce() {
        Consumer consumer = consumer();
        grant(consumer, "records", Map.of());
        consumer.call().get(base + "records/records/1").then().statusCode(200);
        Api.json().body(Map.of("action", "suspend")).post("/api/v1/systems/" + consumer.code() + "/lifecycle").then().statusCode(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> consumer.call().get(base + "records/records/1").statusCode() == 403);
    }

    @Test
    void anExpiredGrantLetsNothingThroughAndReadsAsExpired() {
        Consumer consumer = consumer();
        String id = grant(consumer, "records", Map.of("expiresAt", java.time.OffsetDateTime.now().plusSeconds(3).toString()));
        consumer.call().get(base + "records/records/1").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> consumer.call().get(base + "records/records/1").statusCode() == 403);
        Api.as(Role.OWNER_A).get("/api/v1/grants/" + id).then().statusCode(200).body("status", equalTo("expired"));
        Api.as(Role.OWNER_B).get("/api/v1/grants?status=expired&provider=" + provider).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id));
    }

    @Test
    void aGrantCanBeLimitedToSomePaths() {
        Consumer consumer = consumer();
        grant(consumer, "records", Map.of("allowedPaths", List.of("/records/public")));
        consumer.call().get(base + "records/records/public/7").then().statusCode(200);
        Api.problem(consumer.call().get(base + "records/records/private/7").then(), 403, "access-denied");
        Api.problem(consumer.call().get(base + "records/records/publicity").then(), 403, "access-denied");
        Api.problem(Api.jsonAs(Role.OWNER_A).body(Map.of("consumerSystem", consumer.code(), "providerSystem", provider,
                "serviceCode", "limited", "purpose", "x", "allowedPaths", List.of("/records/../admin")))
                .post("/api/v1/grants").then(), 400, "invalid-field");
    }

    @Test
    void aDailyQuotaAnswers429WithRetryAfter() {
        Consumer consumer = consumer();
        grant(consumer, "daily", Map.of("requestsPerDay", 3));
        for (int i = 0; i < 3; i++) {
            consumer.call().get(base + "daily/records/" + i).then().statusCode(200);
        }
        int before = hits.get();
        String retryAfter = Api.problem(consumer.call().get(base + "daily/records/4").then(), 429, "quota-exceeded")
                .extract().header("Retry-After");
        assertTrue(Long.parseLong(retryAfter) > 0 && Long.parseLong(retryAfter) <= 86_400, retryAfter);
        assertEquals(before, hits.get());
    }

    @Test
    void aPerSecondQuotaAnswers429WithRetryAfter() {
        Consumer consumer = consumer();
        grant(consumer, "limited", Map.of("requestsPerSecond", 2));
        int refused = 0;
        io.restassured.response.Response firstRefusal = null;
        for (int i = 0; i < 8; i++) {
            io.restassured.response.Response answer = consumer.call().get(base + "limited/records/" + i);
            if (answer.statusCode() == 429) {
                refused++;
                firstRefusal = firstRefusal == null ? answer : firstRefusal;
            } else {
                assertEquals(200, answer.statusCode());
            }
        }
        assertTrue(refused >= 2, "at most 2 per second may pass; refused " + refused);
        Api.problem(firstRefusal.then(), 429, "quota-exceeded").header("Retry-After", equalTo("1"));
    }

    @Test
    void quotaLeasesNeverExceedTheLimitWhateverTheNumberOfInstances() throws Exception {
        // Eight connections stand for eight hub instances leasing the same window concurrently.
        // Today's window: the hub's clean-up deletes windows older than two days, and would
        // reset an old one mid-test.
        UUID grant = UUID.fromString(grant(consumer(), "limited", Map.of()));
        long today = LocalDate.now(ZoneOffset.UTC).toEpochDay();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> leased = new ArrayList<>();
            for (int instance = 0; instance < 8; instance++) {
                leased.add(pool.submit(() -> {
                    int total = 0;
                    try (Connection db = Database.superuser(); Statement sql = db.createStatement()) {
                        for (int i = 0; i < 40; i++) {
                            try (ResultSet rs = sql.executeQuery("SELECT lgsp_quota_lease('" + grant + "', 'day', " + today + ", 3, 100)")) {
                                rs.next();
                                total += rs.getInt(1);
                            }
                        }
                    }
                    return total;
                }));
            }
            int sum = 0;
            for (Future<Integer> f : leased) {
                sum += f.get();
            }
            assertEquals(100, sum, "exactly the limit is leased across instances, never more");
        } finally {
            pool.shutdownNow();
        }
    }
}

package vn.lgsp.hub.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Role;
import vn.lgsp.hub.testing.Tokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Owners act only on their organisation's systems; nobody climbs to a role they do not hold; no secret leaks. */
@QuarkusTest
class TenantIsolationIT {

    private static final String SECRET = "upstream-secret-" + System.nanoTime();

    /** A system registered by owner A (organisation org-a), with an endpoint holding a secret. */
    private static String systemOfA() {
        String code = Api.uniqueCode("tenant-a");
        Api.jsonAs(Role.OWNER_A).body(Api.system(code)).post("/api/v1/systems").then().statusCode(201)
                .body("ownerOrg", equalTo(Role.ORG_A));
        Map<String, Object> endpoint = Api.httpEndpoint("main", "https://records.example.gov.vn/api");
        endpoint.put("auth", Map.of("type", "api_key", "header", "X-Key", "secret", SECRET));
        Api.jsonAs(Role.OWNER_A).body(endpoint).post("/api/v1/systems/" + code + "/endpoints").then().statusCode(201);
        return code;
    }

    @Test
    void anOwnersSystemBelongsToTheOwnersOrganisation() {
        String code = systemOfA();
        Api.as(Role.OWNER_A).get("/api/v1/systems/" + code + "/endpoints/main").then().statusCode(200)
                .body("auth.secretSet", equalTo(true));
        Map<String, Object> body = Api.system(Api.uniqueCode("claims-b"));
        body.put("ownerOrg", Role.ORG_B);
        Api.problem(Api.jsonAs(Role.OWNER_A).body(body).post("/api/v1/systems").then(), 403, "forbidden");
    }

    @Test
    void anotherOrganisationsOwnerCanNeitherReadItsConfigurationNorChangeIt() {
        String code = systemOfA();
        String base = "/api/v1/systems/" + code;
        Api.problem(Api.as(Role.OWNER_B).get(base + "/endpoints").then(), 403, "forbidden");
        Api.problem(Api.as(Role.OWNER_B).get(base + "/endpoints/main").then(), 403, "forbidden");
        Api.problem(Api.jsonAs(Role.OWNER_B).body(Api.httpEndpoint("evil", "https://evil.example/api"))
                .post(base + "/endpoints").then(), 403, "forbidden");
        Api.problem(Api.jsonAs(Role.OWNER_B).header("If-Match", "\"1\"").body(Api.httpEndpoint("main", "https://evil.example/api"))
                .put(base + "/endpoints/main").then(), 403, "forbidden");
        Api.problem(Api.as(Role.OWNER_B).header("If-Match", "\"1\"").delete(base + "/endpoints/main").then(), 403, "forbidden");
        Map<String, Object> renamed = Api.system(code);
        renamed.put("nameEn", "Hijacked");
        Api.problem(Api.jsonAs(Role.OWNER_B).header("If-Match", Api.etag(base)).body(renamed).put(base).then(), 403, "forbidden");
        Api.problem(Api.jsonAs(Role.OWNER_B).body(Map.of("action", "retire")).post(base + "/lifecycle").then(), 403, "forbidden");
        Api.problem(Api.jsonAs(Role.OWNER_B).body(Api.restService("steal", "main")).post(base + "/services").then(), 403, "forbidden");
        Api.given().get(base).then().statusCode(200).body("nameEn", not(equalTo("Hijacked"))).body("status", equalTo("draft"));
    }

    @Test
    void ownersCannotApproveTheirOwnSystemsNorSetAdminFields() {
        String code = systemOfA();
        String base = "/api/v1/systems/" + code;
        Api.jsonAs(Role.OWNER_A).body(Map.of("action", "submit")).post(base + "/lifecycle").then().statusCode(200);
        Api.problem(Api.jsonAs(Role.OWNER_A).body(Map.of("action", "approve")).post(base + "/lifecycle").then(), 403, "forbidden");
        Map<String, Object> body = Api.system(code);
        body.put("clientId", "stolen-client");
        Api.problem(Api.jsonAs(Role.OWNER_A).header("If-Match", Api.etag(base)).body(body).put(base).then(), 403, "forbidden");
        body.remove("clientId");
        body.put("ownerOrg", Role.ORG_B);
        Api.problem(Api.jsonAs(Role.OWNER_A).header("If-Match", Api.etag(base)).body(body).put(base).then(), 403, "forbidden");
        body.remove("ownerOrg");
        body.put("catalogueId", "P05");
        Api.problem(Api.jsonAs(Role.OWNER_A).header("If-Match", Api.etag(base)).body(body).put(base).then(), 403, "forbidden");
        Api.jsonAs(Role.ADMIN).body(Map.of("action", "approve")).post(base + "/lifecycle").then().statusCode(200)
                .body("status", equalTo("active"));
    }

    @Test
    void operatorsReadTheRegistryButNoConfigurationAndChangeNothing() {
        String code = systemOfA();
        Api.as(Role.OPERATOR).get("/api/v1/systems/" + code).then().statusCode(200).body("code", equalTo(code));
        Api.as(Role.OPERATOR).get("/api/v1/systems?size=5").then().statusCode(200);
        Api.as(Role.OPERATOR).get("/api/v1/catalogue").then().statusCode(200);
        Api.problem(Api.as(Role.OPERATOR).get("/api/v1/systems/" + code + "/endpoints").then(), 403, "forbidden");
        Api.problem(Api.jsonAs(Role.OPERATOR).body(Api.system(Api.uniqueCode("op"))).post("/api/v1/systems").then(), 403, "forbidden");
        Api.problem(Api.jsonAs(Role.OPERATOR).body(Map.of("action", "suspend")).post("/api/v1/systems/" + code + "/lifecycle").then(),
                403, "forbidden");
    }

    @Test
    void anIntegratorClientMayCallNothingButTheSharingApi() {
        String clientId = Api.uniqueCode("integrator");
        String token = Tokens.of(clientId, Tokens.createIntegrator(clientId));
        Api.problem(Api.bearer(token).get("/api/v1/systems").then(), 403, "forbidden");
        Api.problem(Api.bearer(token).get("/api/v1/catalogue").then(), 403, "forbidden");
        Api.problem(Api.bearer(token).contentType("application/json").body(Map.of("action", "approve"))
                .post("/api/v1/systems/x/lifecycle").then(), 403, "forbidden");
        Api.problem(Api.bearer(token).contentType("application/json").body(Map.of()).post("/api/v1/grants").then(), 403, "forbidden");
        Api.problem(Api.bearer(token).get("/api/v1/audit").then(), 403, "forbidden");
        Api.problem(Api.bearer(token).post("/api/v1/audit/verify").then(), 403, "forbidden");
    }

    @Test
    void ownersSeeOnlyGrantsOfTheirOrganisationsSystems() {
        String provider = systemOfA();
        Api.publish(provider, Api.restService("lookup", "main"));
        String consumer = Api.uniqueCode("consumer-of-a");
        Map<String, Object> body = Api.system(consumer);
        body.put("ownerOrg", Role.ORG_A);
        Api.registerSystem(body);
        String grant = Api.grant(consumer, provider, "lookup");
        Api.as(Role.OWNER_A).get("/api/v1/grants/" + grant).then().statusCode(200);
        Api.problem(Api.as(Role.OWNER_B).get("/api/v1/grants/" + grant).then(), 403, "forbidden");
        Api.as(Role.OWNER_B).get("/api/v1/grants?provider=" + provider).then().statusCode(200).body("total", equalTo(0));
        Api.problem(Api.jsonAs(Role.OWNER_B).body(Map.of()).post("/api/v1/grants/" + grant + "/revoke").then(), 403, "forbidden");
        Api.as(Role.OWNER_A).get("/api/v1/grants?provider=" + provider).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void ownersSeeOnlyTheirOrganisationsAuditEntries() {
        String code = systemOfA();
        await().atMost(Duration.ofSeconds(5)).until(() -> Api.as(Role.OWNER_A).get("/api/v1/audit?system=" + code).then()
                .extract().jsonPath().getInt("total") >= 2);
        Api.as(Role.OWNER_A).get("/api/v1/audit?size=200").then().statusCode(200).body("items.ownerOrg", everyItem(equalTo(Role.ORG_A)));
        Api.as(Role.OWNER_B).get("/api/v1/audit?system=" + code).then().statusCode(200).body("total", equalTo(0));
        List<Map<String, Object>> entries = Api.as(Role.OWNER_A).get("/api/v1/audit?system=" + code).then().extract().jsonPath().getList("items");
        assertTrue(entries.stream().anyMatch(e -> "endpoint.added".equals(e.get("action")) && "lgsp-owner-a".equals(e.get("actor"))
                && e.get("sourceIp") != null));
    }

    @Test
    void noSecretLeaksThroughResponsesEventsAuditOrLogs() throws Exception {
        String code = systemOfA();
        String token = Role.OWNER_A.token();
        for (String path : List.of("/api/v1/systems/" + code, "/api/v1/systems/" + code + "/endpoints",
                "/api/v1/systems/" + code + "/endpoints/main", "/api/v1/audit?system=" + code + "&size=200")) {
            String body = Api.as(Role.OWNER_A).get(path).then().statusCode(200).extract().asString();
            assertFalse(body.contains(SECRET), path + " leaks the endpoint secret");
        }
        Api.as(Role.OPERATOR).get("/api/v1/audit?size=200").then().body(not(containsString(SECRET)));
        // A failing request must not echo the secret back either.
        Map<String, Object> bad = Api.httpEndpoint("main", "not a url");
        bad.put("auth", Map.of("type", "api_key", "header", "X-Key", "secret", SECRET));
        String error = Api.jsonAs(Role.OWNER_A).header("If-Match", "\"1\"").body(bad)
                .put("/api/v1/systems/" + code + "/endpoints/main").then().extract().asString();
        assertFalse(error.contains(SECRET));
        Path log = Path.of("target/quarkus-test.log");
        if (Files.exists(log)) {
            String text = Files.readString(log);
            assertFalse(text.contains(SECRET), "the log holds an endpoint secret");
            assertFalse(text.contains(token), "the log holds a bearer token");
            assertFalse(text.contains(Role.ADMIN.secret), "the log holds a client secret");
        }
    }
}

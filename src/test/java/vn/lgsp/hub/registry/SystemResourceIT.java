package vn.lgsp.hub.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.lgsp.hub.testing.Api;

import java.util.Map;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SystemResourceIT {

    @Test
    void registersReadsAndListsASystem() {
        String code = Api.uniqueCode("camau-g");
        Api.json().body(Api.system(code)).post("/api/v1/systems").then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/systems/" + code))
                .header("ETag", equalTo("\"1\""))
                .body("code", equalTo(code))
                .body("status", equalTo("draft"))
                .body("nameVi", equalTo("Hệ thống thử nghiệm " + code))
                .body("contact.email", equalTo("a@example.gov.vn"))
                .body("id", org.hamcrest.Matchers.nullValue());

        Api.given().get("/api/v1/systems/" + code).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("securityLevel", equalTo(2));

        Api.given().get("/api/v1/systems?scope=provincial&status=draft&size=200").then().statusCode(200)
                .body("items.code", hasItem(code))
                .body("items.scope", everyItem(equalTo("provincial")))
                .body("items.status", everyItem(equalTo("draft")));
        Api.given().get("/api/v1/systems?q=" + code).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].code", equalTo(code));
    }

    @Test
    void paginates() {
        String prefix = Api.uniqueCode("page");
        for (int i = 0; i < 3; i++) {
            Api.registerSystem(Api.system(prefix + "-" + i));
        }
        Api.given().get("/api/v1/systems?q=" + prefix + "&size=2&page=1").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2)).body("page", equalTo(1)).body("size", equalTo(2))
                .body("items[0].code", equalTo(prefix + "-0"));
        Api.given().get("/api/v1/systems?q=" + prefix + "&size=2&page=2").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].code", equalTo(prefix + "-2"));
        Api.problem(Api.given().get("/api/v1/systems?size=5000").then(), 400, "invalid-parameter").body("field", equalTo("size"));
        Api.problem(Api.given().get("/api/v1/systems?page=0").then(), 400, "invalid-parameter").body("field", equalTo("page"));
        Api.problem(Api.given().get("/api/v1/systems?status=deleted").then(), 400, "invalid-parameter").body("field", equalTo("status"));
        Api.problem(Api.given().get("/api/v1/systems?page=abc").then(), 400, "invalid-parameter");
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "code|Bad_Code|invalid-code",
            "code|-leading-hyphen|invalid-code",
            "code|a--b|invalid-code",
            "code|''|required",
            "nameVi|''|required",
            "owningAgency|'\u0007bell'|control-characters",
            "securityLevel|6|out-of-range",
            "securityLevel|0|out-of-range",
    })
    void rejectsInvalidFields(String field, String value, String rule) {
        Map<String, Object> body = Api.system(Api.uniqueCode("bad"));
        body.put(field, field.equals("securityLevel") ? Integer.parseInt(value) : value);
        Api.problem(Api.json().body(body).post("/api/v1/systems").then(), 400, "invalid-field")
                .body("field", equalTo(field))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].code", equalTo(rule));
    }

    @Test
    void reportsEveryInvalidFieldAtOnceWithoutEchoingValues() {
        Map<String, Object> body = Api.system("ok-code");
        body.remove("nameEn");
        body.put("contact", Map.of("email", "not-an-email<script>", "phone", "call me"));
        Api.problem(Api.json().body(body).post("/api/v1/systems").then(), 400, "invalid-field")
                .body("errors.field", hasItem("nameEn"))
                .body("errors.field", hasItem("contact.email"))
                .body("errors.field", hasItem("contact.phone"))
                .body(not(org.hamcrest.Matchers.containsString("<script>")));
    }

    @Test
    void rejectsWrongTypesUnknownFieldsAndMalformedJson() {
        Map<String, Object> body = Api.system(Api.uniqueCode("types"));
        body.put("scope", "galactic");
        Api.problem(Api.json().body(body).post("/api/v1/systems").then(), 400, "invalid-field").body("field", equalTo("scope"));

        body = Api.system(Api.uniqueCode("types"));
        body.put("securityLevel", "high");
        Api.problem(Api.json().body(body).post("/api/v1/systems").then(), 400, "invalid-field").body("field", equalTo("securityLevel"));

        body = Api.system(Api.uniqueCode("types"));
        body.put("status", "active");
        Api.problem(Api.json().body(body).post("/api/v1/systems").then(), 400, "unknown-field").body("field", equalTo("status"));

        Api.problem(Api.json().body("{\"code\": ").post("/api/v1/systems").then(), 400, "malformed-body");
        Api.problem(Api.json().body("").post("/api/v1/systems").then(), 400, "malformed-body");
        Api.problem(Api.given().contentType("text/plain").body("code=x").post("/api/v1/systems").then(),
                415, "unsupported-media-type");
    }

    @Test
    void duplicatesAreConflicts() {
        String code = Api.registerSystem(Api.system(Api.uniqueCode("dup")));
        Api.problem(Api.json().body(Api.system(code)).post("/api/v1/systems").then(), 409, "duplicate-system")
                .body("field", equalTo("code"));
    }

    @Test
    void updatesNeedTheCurrentETag() {
        String code = Api.registerSystem(Api.system(Api.uniqueCode("etag")));
        Map<String, Object> body = Api.system(code);
        body.put("nameEn", "Renamed");

        Api.problem(Api.json().body(body).put("/api/v1/systems/" + code).then(), 428, "precondition-required")
                .body("field", equalTo("If-Match"));
        Api.json().header("If-Match", "\"1\"").body(body).put("/api/v1/systems/" + code).then()
                .statusCode(200).header("ETag", equalTo("\"2\"")).body("nameEn", equalTo("Renamed")).body("version", equalTo(2));
        // A second writer still holding version 1 loses instead of overwriting silently.
        body.put("nameEn", "Lost update");
        Api.problem(Api.json().header("If-Match", "\"1\"").body(body).put("/api/v1/systems/" + code).then(), 412, "version-mismatch");
        Api.problem(Api.json().header("If-Match", "garbage").body(body).put("/api/v1/systems/" + code).then(), 400, "invalid-parameter");
        Api.given().get("/api/v1/systems/" + code).then().body("nameEn", equalTo("Renamed"));

        body.put("code", "another-code");
        Api.problem(Api.json().header("If-Match", "\"2\"").body(body).put("/api/v1/systems/" + code).then(), 409, "immutable-field")
                .body("field", equalTo("code"));
        Api.problem(Api.json().header("If-Match", "\"1\"").body(Api.system("missing-system")).put("/api/v1/systems/missing-system").then(),
                404, "system-not-found");
    }

    @Test
    void anEmptyClientIdClearsTheMappingWhileAnOmittedOrNullOneKeepsIt() {
        String code = Api.uniqueCode("client");
        Map<String, Object> body = Api.system(code);
        body.put("clientId", "client-of-" + code);
        Api.registerSystem(body);
        body.remove("clientId");
        Api.json().header("If-Match", "\"1\"").body(body).put("/api/v1/systems/" + code).then()
                .statusCode(200).body("clientId", equalTo("client-of-" + code));
        body.put("clientId", null);
        Api.json().header("If-Match", "\"2\"").body(body).put("/api/v1/systems/" + code).then()
                .statusCode(200).body("clientId", equalTo("client-of-" + code));
        body.put("clientId", "");
        Api.json().header("If-Match", "\"3\"").body(body).put("/api/v1/systems/" + code).then()
                .statusCode(200).body("clientId", nullValue());
        Api.given().get("/api/v1/systems/" + code).then().body("clientId", nullValue());
    }

    @Test
    void followsOnlyTheDefinedLifecycle() {
        String code = Api.registerSystem(Api.system(Api.uniqueCode("life")));
        String path = "/api/v1/systems/" + code + "/lifecycle";
        Api.problem(Api.json().body(Map.of("action", "approve")).post(path).then(), 409, "invalid-transition")
                .body("field", equalTo("action"));
        transition(path, "submit", "pending_approval");
        transition(path, "reject", "draft");
        transition(path, "submit", "pending_approval");
        transition(path, "approve", "active");
        Api.problem(Api.json().body(Map.of("action", "submit")).post(path).then(), 409, "invalid-transition");
        transition(path, "suspend", "suspended");
        transition(path, "resume", "active");
        transition(path, "retire", "retired");
        Api.problem(Api.json().body(Map.of("action", "resume")).post(path).then(), 409, "invalid-transition");
        Api.problem(Api.json().body(Map.of("action", "explode")).post(path).then(), 400, "invalid-field")
                .body("field", equalTo("action"));

        // A retired system is kept for the record and no longer changes.
        Api.problem(Api.json().header("If-Match", Api.etag("/api/v1/systems/" + code)).body(Api.system(code))
                .put("/api/v1/systems/" + code).then(), 409, "invalid-transition");
    }

    @Test
    void lifecycleHonoursIfMatchWhenSent() {
        String code = Api.registerSystem(Api.system(Api.uniqueCode("life-etag")));
        Api.problem(Api.json().header("If-Match", "\"7\"").body(Map.of("action", "submit"))
                .post("/api/v1/systems/" + code + "/lifecycle").then(), 412, "version-mismatch");
        Api.json().header("If-Match", "\"1\"").body(Map.of("action", "submit", "reason", "ready for review"))
                .post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200)
                .body("status", equalTo("pending_approval")).header("ETag", equalTo("\"2\""));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        Api.problem(Api.given().get("/api/v1/systems/Not_A_Code").then(), 400, "invalid-parameter");
        Api.problem(Api.given().get("/api/v1/systems/no-such-system").then(), 404, "system-not-found");
        Api.problem(Api.given().delete("/api/v1/systems").then(), 405, "method-not-allowed");
    }

    @Test
    void mintsEveryTransactionIdAndKeepsAValidIncomingOneAsTheCorrelationId() {
        var refused = Api.given().header("X-Transaction-Id", "caller-tx-0001").get("/api/v1/systems/no-such-system").then()
                .statusCode(404).header("X-Correlation-Id", equalTo("caller-tx-0001")).extract();
        org.hamcrest.MatcherAssert.assertThat(refused.header("X-Transaction-Id"), not(equalTo("caller-tx-0001")));
        org.hamcrest.MatcherAssert.assertThat(refused.jsonPath().getString("transactionId"), equalTo(refused.header("X-Transaction-Id")));
        String minted = Api.given().header("X-Transaction-Id", "bad\u0001id").get("/api/v1/catalogue").then()
                .statusCode(200).header("X-Correlation-Id", nullValue()).extract().header("X-Transaction-Id");
        org.hamcrest.MatcherAssert.assertThat(minted, notNullValue());
        org.hamcrest.MatcherAssert.assertThat(minted.length(), greaterThanOrEqualTo(36));
    }

    private static void transition(String path, String action, String expectedStatus) {
        Api.json().body(Map.of("action", action)).post(path).then().statusCode(200).body("status", equalTo(expectedStatus));
    }
}

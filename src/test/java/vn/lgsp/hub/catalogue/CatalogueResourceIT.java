package vn.lgsp.hub.catalogue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CatalogueResourceIT {

    @Test
    void listsTheThirtySixOfficialSystemsInOrder() {
        List<Map<String, Object>> items = Api.given().get("/api/v1/catalogue").then().statusCode(200)
                .body("total", equalTo(36))
                .extract().path("items");
        assertEquals("C01", items.get(0).get("id"));
        assertEquals("P12", items.get(35).get("id"));
        long connected = items.stream().filter(i -> "connected".equals(i.get("listedStatus"))).count();
        assertEquals(35, connected, "the province listed 35 connected systems at the end of 2025");
    }

    @Test
    void filtersByScope() {
        Api.given().get("/api/v1/catalogue?scope=central").then().statusCode(200)
                .body("total", equalTo(24)).body("items.scope", everyItem(equalTo("central")));
        Api.given().get("/api/v1/catalogue?scope=provincial").then().statusCode(200)
                .body("total", equalTo(12)).body("items", hasSize(12));
        Api.problem(Api.given().get("/api/v1/catalogue?scope=planet").then(), 400, "invalid-parameter")
                .body("field", equalTo("scope"));
    }

    @Test
    void evnIsTheOneListedAsNotConnected() {
        Api.given().get("/api/v1/catalogue/C24").then().statusCode(200)
                .body("code", equalTo("evn-services"))
                .body("nameVi", equalTo("Hệ thống dịch vụ, tiện ích của Tập đoàn Điện lực Việt Nam (EVN)"))
                .body("listedStatus", equalTo("not-connected"));
    }

    @Test
    void unknownAndMalformedIdsAreProblems() {
        Api.problem(Api.given().get("/api/v1/catalogue/C99").then(), 404, "catalogue-entry-not-found");
        Api.problem(Api.given().get("/api/v1/catalogue/'%20OR%201=1").then(), 400, "invalid-parameter");
    }

    @Test
    void aRegisteredSystemCanBeLinkedToItsEntryOnce() {
        Map<String, Object> body = Api.system(Api.uniqueCode("ioffice"));
        body.put("catalogueId", "P01");
        String code = Api.registerSystem(body);
        Api.given().get("/api/v1/catalogue/P01").then().statusCode(200)
                .body("linkedSystem.code", equalTo(code))
                .body("linkedSystem.status", equalTo("draft"));

        Map<String, Object> second = Api.system(Api.uniqueCode("ioffice-copy"));
        second.put("catalogueId", "P01");
        Api.problem(Api.json().body(second).post("/api/v1/systems").then(), 409, "catalogue-entry-taken")
                .body("field", equalTo("catalogueId"));

        Map<String, Object> unknown = Api.system(Api.uniqueCode("nowhere"));
        unknown.put("catalogueId", "C77");
        Api.problem(Api.json().body(unknown).post("/api/v1/systems").then(), 422, "unknown-catalogue-entry")
                .body("field", equalTo("catalogueId"));
        Api.given().get("/api/v1/catalogue/C77").then().statusCode(404);
        Api.given().get("/api/v1/catalogue/C23").then().statusCode(200).body("linkedSystem", nullValue());
    }
}

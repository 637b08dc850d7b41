package vn.lgsp.hub.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Role;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** With {@code lgsp.registry.admin-approves-address-changes} on, only an admin moves an active system's endpoint elsewhere. */
@QuarkusTest
@TestProfile(AddressChangeApprovalIT.AdminApproves.class)
class AddressChangeApprovalIT {

    public static class AdminApproves implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lgsp.registry.admin-approves-address-changes", "true");
        }
    }

    @Test
    void anOwnersMoveOfAnActiveSystemsEndpointIsRefusedAndAuditedTheAdminsIsMade() {
        String code = Api.uniqueCode("approve-move");
        Api.jsonAs(Role.OWNER_A).body(Api.system(code)).post("/api/v1/systems").then().statusCode(201);
        Api.jsonAs(Role.OWNER_A).body(Api.httpEndpoint("main", "http://10.20.0.5:8080/api")).post("/api/v1/systems/" + code + "/endpoints")
                .then().statusCode(201);
        String path = "/api/v1/systems/" + code + "/endpoints/main";

        // A draft system: the owner still moves its endpoints freely.
        Api.jsonAs(Role.OWNER_A).header("If-Match", Api.etag(path)).body(Api.httpEndpoint("main", "http://10.20.0.6:8080/api"))
                .put(path).then().statusCode(200);

        Api.jsonAs(Role.OWNER_A).body(Map.of("action", "submit")).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);
        Api.json().body(Map.of("action", "approve")).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);

        // Active: the same path elsewhere on the same origin is the owner's to change; another host is not.
        Api.jsonAs(Role.OWNER_A).header("If-Match", Api.etag(path)).body(Api.httpEndpoint("main", "http://10.20.0.6:8080/api/v2"))
                .put(path).then().statusCode(200);
        for (String address : List.of("http://10.20.0.7:8080/api", "http://10.20.0.6:9090/api", "https://10.20.0.6:8080/api")) {
            Api.problem(Api.jsonAs(Role.OWNER_A).header("If-Match", Api.etag(path)).body(Api.httpEndpoint("main", address)).put(path).then(),
                    403, "forbidden");
        }
        Api.as(Role.OWNER_A).get(path).then().statusCode(200).body("address", equalTo("http://10.20.0.6:8080/api/v2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Api.as(Role.OPERATOR).get("/api/v1/audit?outcome=denied&system=" + code)
                .then().statusCode(200).extract().jsonPath().getList("items").size() == 3);

        Api.json().header("If-Match", Api.etag(path)).body(Api.httpEndpoint("main", "http://10.20.0.7:8080/api")).put(path).then()
                .statusCode(200).body("address", equalTo("http://10.20.0.7:8080/api"));
    }
}

package vn.lgsp.hub.outbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Role;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Health (the ledger's database and Kafka), metrics and the API description are served. */
@QuarkusTest
class PlatformEndpointsIT {

    @Test
    void readinessCoversDatabaseAndKafka() {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(equalTo("ledger")))
                .body("checks.name", hasItem(equalTo("message-log")))
                .body("checks.name", hasItem(containsString("Reactive Messaging")))
                .body("checks.name", hasItem(containsString("Kafka")));
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        Api.given().get("/api/v1/catalogue").then().statusCode(200);
        Api.as(Role.OPERATOR).get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheRegistry() {
        RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/systems'.post", notNullValue())
                .body("paths.'/api/v1/catalogue'.get", notNullValue());
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
    }
}

package vn.lgsp.hub.connection;

import vn.lgsp.hub.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The demo data set as a new user meets it: a hub whose database is the embedded run's own
 * shows 35 of 36 connected within a minute, EVN's entry not connected; seeding again duplicates
 * nothing. Runs under its own profile, hence on a fresh database.
 */
@QuarkusTest
@TestProfile(DemoDataIT.EmbeddedRun.class)
class DemoDataIT {

    /** What the embedded run sets when it started PostgreSQL itself. */
    public static class EmbeddedRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lgsp.demo.embedded-run", "true", "lgsp.demo.probe-interval-seconds", "2");
        }
    }

    @Inject
    DemoData demo;
    @Inject
    Pool pool;

    private long demoRows(String table, String join) {
        return pool.query("SELECT count(*) AS n FROM " + table + " t " + join + " WHERE s.code LIKE 'demo-%'").execute()
                .await().indefinitely().iterator().next().getLong("n");
    }

    @Test
    void aNewUserSeesThirtyFiveOfThirtySixConnectedWithinAMinute() {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "35/36".equals(Api.given().get("/api/v1/reports/connections").then().statusCode(200).extract().path("totals.all.text")));
        Api.given().get("/api/v1/reports/connections").then()
                .body("totals.central.text", equalTo("23/24"))
                .body("totals.provincial.text", equalTo("12/12"))
                .body("rows.find { it.catalogueId == 'C24' }.status", equalTo("registered"))
                .body("rows.find { it.catalogueId == 'C24' }.systemCode", equalTo("demo-c24"))
                .body("rows.find { it.catalogueId == 'C01' }.status", equalTo("connected"))
                .body("rows.find { it.catalogueId == 'C01' }.lastProbe.up", equalTo(true));

        long systems = demoRows("information_system", "JOIN information_system s ON s.id = t.id");
        long endpoints = demoRows("endpoint", "JOIN information_system s ON s.id = t.system_id");
        long services = demoRows("shared_service", "JOIN information_system s ON s.id = t.system_id");
        long probes = demoRows("endpoint_probe", "JOIN endpoint e ON e.id = t.endpoint_id JOIN information_system s ON s.id = e.system_id");
        assertEquals(36, systems);
        assertEquals(35, endpoints);
        assertEquals(35, services);
        assertEquals(35, probes);

        // A second start: nothing is duplicated, the endpoints follow the stub's new port.
        int created = demo.seed(1).await().atMost(Duration.ofSeconds(30));
        assertEquals(0, created);
        assertEquals(36, demoRows("information_system", "JOIN information_system s ON s.id = t.id"));
        assertEquals(35, demoRows("endpoint", "JOIN information_system s ON s.id = t.system_id"));
        assertEquals(35, pool.query("SELECT count(*) AS n FROM endpoint WHERE address LIKE 'http://127.0.0.1:1/demo/%'").execute()
                .await().indefinitely().iterator().next().getLong("n"));
    }
}

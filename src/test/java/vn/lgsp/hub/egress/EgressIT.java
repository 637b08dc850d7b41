package vn.lgsp.hub.egress;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.ProviderFixture;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The egress policy against the real hub: an owner cannot register an address the hub must
 * never connect to, and an address that becomes refused later (the operator tightened the
 * policy, or the stored row was changed behind the API) is refused at connect time, ledgered,
 * and never reached. The test profile allows loopback (the stubs live there); the rest is the
 * default policy.
 */
@QuarkusTest
class EgressIT {

    /** Addresses an owner tries, each with the way it tries to dress it up. */
    private static final List<String> NEVER_REACHABLE = List.of(
            "http://169.254.169.254/latest/meta-data",          // cloud metadata, link-local
            "http://[::ffff:169.254.169.254]/latest/meta-data", // the same, IPv4-mapped
            "http://[::169.254.169.254]/",                      // the same, IPv4-compatible
            "http://[64:ff9b::a9fe:a9fe]/",                     // the same, NAT64
            "http://[fe80::1]/",                                // IPv6 link-local
            "http://0.0.0.0:8080/",                             // unspecified: the hub's own machine
            "http://[::]:8080/",
            "http://0.1.2.3/",                                  // "this network"
            "http://224.0.0.1/",                                // multicast
            "http://255.255.255.255/");                         // broadcast

    @Inject
    Pool pool;

    private ProviderFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ProviderFixture("egress", (request, response) -> response.putHeader("Content-Type", "application/json")
                .end("{\"reached\":true}"));
        fixture.service("records", "GET", "/records/{id}", Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void addressesTheHubMustNeverReachAreRefusedWhenSaved() {
        int hubPort = RestAssured.port;
        List<String> tried = new java.util.ArrayList<>(NEVER_REACHABLE);
        tried.add("http://127.0.0.1:" + hubPort + "/q/metrics"); // the hub's own port, even with loopback allowed
        tried.add("http://localhost:" + hubPort + "/api/v1/systems");
        tried.add("http://LOCALHOST.:" + hubPort + "/");
        for (String address : tried) {
            Api.invalidField(Api.json().body(Api.httpEndpoint("bad", address))
                    .post("/api/v1/systems/" + fixture.provider() + "/endpoints").then(), "address", "egress-denied");
        }
        Api.given().get("/api/v1/systems/" + fixture.provider() + "/endpoints/bad").then().statusCode(404);

        Map<String, Object> oauth = Api.httpEndpoint("token", fixture.stub().uri("/api").toString());
        oauth.put("auth", Map.of("type", "oauth2_client_credentials", "tokenUrl", "http://169.254.169.254/token", "clientId", "c",
                "secret", "s"));
        Api.invalidField(Api.json().body(oauth).post("/api/v1/systems/" + fixture.provider() + "/endpoints").then(),
                "auth.tokenUrl", "egress-denied");

        // Moving a working endpoint there is refused too, and the endpoint stays as it was.
        String path = "/api/v1/systems/" + fixture.provider() + "/endpoints/main";
        String etag = Api.etag(path);
        Map<String, Object> moved = Api.httpEndpoint("main", "http://169.254.169.254/");
        Api.invalidField(Api.json().header("If-Match", etag).body(moved).put(path).then(), "address", "egress-denied");
        Api.given().get(path).then().statusCode(200).body("address", equalTo(fixture.stub().uri("/api").toString()));
    }

    @Test
    void anAddressRefusedAtConnectTimeIsA502LedgeredAndNothingIsSent() {
        fixture.asConsumer().get(fixture.url("records", "/records/1")).then().statusCode(200);

        // Behind the API (as if saved before the operator's policy): a literal the policy refuses,
        // then a name that resolves to the hub itself.
        for (String address : List.of("http://169.254.169.254/api", "http://localhost:" + RestAssured.port + "/api")) {
            storeBehindTheApi(address);
            int reached = fixture.stub().hits();
            String tx = Api.problem(fixture.asConsumer().get(fixture.url("records", "/records/1")).then(), 502, "egress-refused")
                    .extract().header("X-Transaction-Id");
            Row row = ledgerRow(tx);
            assertEquals("egress-refused", row.getString("error_code"));
            assertEquals(502, row.getInteger("status_code"));
            assertEquals(reached, fixture.stub().hits(), "the provider's stub saw nothing");
        }
    }

    @Test
    void aRefusedAddressNeitherRetriesNorOpensTheBreaker() {
        storeBehindTheApi("http://169.254.169.254/api");
        for (int i = 0; i < 8; i++) {
            Api.problem(fixture.asConsumer().get(fixture.url("records", "/records/1")).then(), 502, "egress-refused");
        }
        storeBehindTheApi(fixture.stub().uri("/api").toString());
        // A breaker opened by the refusals would answer 503 circuit-open here.
        fixture.asConsumer().get(fixture.url("records", "/records/1")).then().statusCode(200).body("reached", equalTo(true));
    }

    @Test
    void probesCannotScanWhatThePolicyRefuses() {
        storeBehindTheApi("http://169.254.169.254/api");
        int reached = fixture.stub().hits();
        String probe = "/api/v1/systems/" + fixture.provider() + "/endpoints/main/probe";
        Api.json().body(Map.of("target", "/latest/meta-data", "intervalSeconds", 1, "timeoutMs", 1000)).put(probe).then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "egress refused".equals(
                Api.given().get(probe).then().statusCode(200).extract().path("last.detail")));
        Api.given().get(probe).then().body("last.up", equalTo(false));
        assertEquals(reached, fixture.stub().hits());
        Api.given().delete(probe).then().statusCode(204);
    }

    private void storeBehindTheApi(String address) {
        pool.preparedQuery("UPDATE endpoint SET address = $1, version = version + 1, updated_at = now() "
                        + "WHERE code = 'main' AND system_id = (SELECT id FROM information_system WHERE code = $2)")
                .execute(Tuple.of(address, fixture.provider())).await().atMost(Duration.ofSeconds(10));
        // The registry trigger's notification reaches this instance's caches; wait until the
        // route shows the new address rather than guessing a delay.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            int before = fixture.stub().hits();
            int status = fixture.asConsumer().get(fixture.url("records", "/records/0")).then().extract().statusCode();
            boolean reachedStub = fixture.stub().hits() > before;
            return address.startsWith(fixture.stub().uri("/").toString().replaceAll("/$", "")) ? reachedStub && status == 200
                    : !reachedStub && status == 502;
        });
    }

    private Row ledgerRow(String tx) {
        var rows = new HashMap<String, Row>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            var found = pool.preparedQuery("SELECT error_code, status_code, request_out_at FROM ledger_entry WHERE transaction_id = $1")
                    .execute(Tuple.of(tx)).await().atMost(Duration.ofSeconds(10));
            found.forEach(r -> rows.put(tx, r));
            return !rows.isEmpty();
        });
        assertFalse(rows.isEmpty());
        return rows.get(tx);
    }
}

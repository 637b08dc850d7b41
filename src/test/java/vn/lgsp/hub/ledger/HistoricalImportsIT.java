package vn.lgsp.hub.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Role;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class HistoricalImportsIT {

    @Inject
    Pool pool;

    @Test
    void anImportIsCountedOnceWhateverIsSentAgainAndCanBeWithdrawn() {
        String provider = Api.registerSystem(Api.system(Api.uniqueCode("import")));
        String id = "lgsp-cu-" + provider;
        Map<String, Object> body = history(provider, id, "2020-01-01T00:00:00+07:00", "2021-01-01T00:00:00+07:00", 1_000);
        Api.json().body(body).post("/api/v1/ledger/imports").then().statusCode(201)
                .header("Location", containsString("/api/v1/ledger/imports/" + id)).body("id", equalTo(id))
                .body("importedBy", notNullValue()).body("withdrawnAt", equalTo(null));
        assertEquals(1_000, imported(provider));

        // The same import again (a retry): answered with it, not counted twice.
        Api.json().body(body).post("/api/v1/ledger/imports").then().statusCode(200).body("id", equalTo(id));
        assertEquals(1_000, imported(provider));
        // The same id with other content, or another id over the same period: refused.
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("transactions", 2_000);
        Api.problem(Api.json().body(changed).post("/api/v1/ledger/imports").then(), 409, "import-conflict")
                .body("field", equalTo("importId"));
        Api.problem(Api.json().body(history(provider, null, "2020-06-01T00:00:00+07:00", "2020-07-01T00:00:00+07:00", 5))
                .post("/api/v1/ledger/imports").then(), 409, "import-overlaps").body("field", equalTo("from"))
                .body("detail", containsString(id));
        // Adjacent periods do not overlap.
        Api.json().body(history(provider, id + "-2021", "2021-01-01T00:00:00+07:00", "2022-01-01T00:00:00+07:00", 7))
                .post("/api/v1/ledger/imports").then().statusCode(201);
        assertEquals(1_007, imported(provider));

        // Each import is in the audit trail, as is its withdrawal.
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'ledger.import.added' AND target = $1", "ledger/imports/" + id));
        Api.problem(Api.jsonAs(Role.OPERATOR).body(Map.of("reason", "x")).post("/api/v1/ledger/imports/" + id + "/withdraw").then(),
                403, "forbidden");
        Api.json().body(Map.of("reason", "nhập nhầm kỳ")).post("/api/v1/ledger/imports/" + id + "/withdraw").then().statusCode(200)
                .body("withdrawnAt", notNullValue()).body("withdrawReason", equalTo("nhập nhầm kỳ"));
        assertEquals(7, imported(provider));
        assertEquals(7, reportedImports(provider));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'ledger.import.withdrawn' AND target = $1", "ledger/imports/" + id));
        Api.problem(Api.json().body(Map.of()).post("/api/v1/ledger/imports/" + id + "/withdraw").then(), 409, "invalid-transition");
        // Withdrawn: kept and listed on request; its id cannot come back, but its period is free again.
        Api.given().get("/api/v1/ledger/imports?provider=" + provider).then().statusCode(200).body("id", not(hasItem(id)));
        Api.given().get("/api/v1/ledger/imports?withdrawn=true&provider=" + provider).then().body("id", hasItem(id));
        Api.problem(Api.json().body(body).post("/api/v1/ledger/imports").then(), 409, "import-conflict");
        Api.json().body(history(provider, id + "-fixed", "2020-01-01T00:00:00+07:00", "2021-01-01T00:00:00+07:00", 900))
                .post("/api/v1/ledger/imports").then().statusCode(201);
        assertEquals(907, imported(provider));
        assertEquals(907, reportedImports(provider));
        Api.problem(Api.given().get("/api/v1/ledger/imports/no-such-import").then(), 404, "import-not-found");
    }

    @Test
    void anImportMustNameARegisteredOrListedProvider() {
        Api.problem(Api.json().body(history("khong-ton-tai", null, "2020-01-01T00:00:00Z", "2020-02-01T00:00:00Z", 5))
                .post("/api/v1/ledger/imports").then(), 422, "unknown-system").body("field", equalTo("provider"));
        Api.invalidField(Api.json().body(history("khong-ton-tai", "bad id!", "2020-01-01T00:00:00Z", "2020-02-01T00:00:00Z", 5))
                .post("/api/v1/ledger/imports").then(), "importId", "invalid-import-id");
        assertEquals(0, count("SELECT count(*) FROM ledger_import WHERE provider_code = $1", "khong-ton-tai"));
    }

    private static Map<String, Object> history(String provider, String id, String from, String to, long transactions) {
        Map<String, Object> body = new HashMap<>(Map.of("provider", provider, "from", from, "to", to, "transactions", transactions,
                "failures", 0, "note", "Số liệu LGSP cũ"));
        if (id != null) {
            body.put("importId", id);
        }
        return body;
    }

    private long imported(String provider) {
        return count("SELECT coalesce(sum(transactions), 0) FROM ledger_hourly WHERE provider_code = $1 AND imported", provider);
    }

    private static long reportedImports(String provider) {
        return ((Number) Api.given().queryParam("from", "2019-01-01").queryParam("to", "2023-01-01").queryParam("groupBy", "provider")
                .queryParam("interval", "none").get("/api/v1/reports/volume").then().statusCode(200)
                .extract().path("rows.find { it.provider == '" + provider + "' }.transactions")).longValue();
    }

    private long count(String sql, String param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}

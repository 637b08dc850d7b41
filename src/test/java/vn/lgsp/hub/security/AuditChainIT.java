package vn.lgsp.hub.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.testing.Api;
import vn.lgsp.hub.testing.Database;
import vn.lgsp.hub.testing.KafkaTopic;
import vn.lgsp.hub.testing.Role;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit trail records who changed what, is published to Kafka, refuses edits, and its chain exposes a forged row. */
@QuarkusTest
class AuditChainIT {

    @Test
    void changesAreRecordedWithBeforeAndAfterAndPublished() {
        String code = Api.uniqueCode("audited");
        try (KafkaTopic topic = new KafkaTopic("lgsp.audit")) {
            Api.registerSystem(Api.system(code));
            Map<String, Object> body = Api.system(code);
            body.put("nameEn", "Renamed under audit");
            Api.json().header("If-Match", "\"1\"").body(body).put("/api/v1/systems/" + code).then().statusCode(200);
            Api.as(Role.OPERATOR).get("/api/v1/audit?system=" + code + "&action=system.updated").then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].actor", equalTo("lgsp-admin"))
                    .body("items[0].actorRoles", equalTo("admin"))
                    .body("items[0].details.before.nameEn", equalTo("Test system " + code))
                    .body("items[0].details.after.nameEn", equalTo("Renamed under audit"))
                    .body("items[0].hash.length()", equalTo(64));
            topic.await(r -> code.equals(r.key()) && r.value().contains("system.updated"), 1, Duration.ofSeconds(30));
        }
    }

    @Test
    void theTableRefusesUpdatesAndDeletesEvenFromItsOwner() throws SQLException {
        Api.registerSystem(Api.system(Api.uniqueCode("append-only")));
        try (Connection db = Database.superuser(); Statement sql = db.createStatement()) {
            assertThrows(SQLException.class, () -> sql.executeUpdate("UPDATE audit_log SET actor = 'mallory'"));
            assertThrows(SQLException.class, () -> sql.executeUpdate("DELETE FROM audit_log"));
            assertThrows(SQLException.class, () -> sql.executeUpdate("TRUNCATE audit_log"));
        }
    }

    @Test
    void theChainVerifiesAndPointsAtAForgedRow() throws SQLException {
        String code = Api.registerSystem(Api.system(Api.uniqueCode("chained")));
        Api.json().body(Map.of("action", "submit")).post("/api/v1/systems/" + code + "/lifecycle").then().statusCode(200);
        Api.as(Role.ADMIN).post("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("entriesChecked", greaterThan(1));

        long seq;
        String actor;
        try (Connection db = Database.superuser()) {
            try (PreparedStatement find = db.prepareStatement("SELECT seq, actor FROM audit_log WHERE system_code = ? ORDER BY seq LIMIT 1")) {
                find.setString(1, code);
                try (ResultSet row = find.executeQuery()) {
                    assertTrue(row.next());
                    seq = row.getLong(1);
                    actor = row.getString(2);
                }
            }
            forge(db, seq, "someone-else");
            try {
                Api.as(Role.OPERATOR).post("/api/v1/audit/verify").then().statusCode(200)
                        .body("valid", equalTo(false))
                        .body("firstBrokenSeq", equalTo((int) seq));
            } finally {
                forge(db, seq, actor);
            }
        }
        Api.as(Role.ADMIN).post("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    /** What an attacker with the database's superuser could do: switch the guard off and rewrite history. */
    private static void forge(Connection db, long seq, String actor) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
            try (PreparedStatement update = db.prepareStatement("UPDATE audit_log SET actor = ? WHERE seq = ?")) {
                update.setString(1, actor);
                update.setLong(2, seq);
                assertEquals(1, update.executeUpdate());
            } finally {
                sql.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
            }
        }
    }
}

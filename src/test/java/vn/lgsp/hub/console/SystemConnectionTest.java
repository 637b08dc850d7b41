package vn.lgsp.hub.console;

import org.junit.jupiter.api.Test;
import vn.lgsp.hub.connection.ConnectionReport;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SystemConnectionTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-12-03T08:00:00+07:00");

    private static ConnectionReport.Entry entry(String id, String code, String status, int hoursAgo, String degradedBy,
                                                ConnectionReport.Probe probe) {
        return new ConnectionReport.Entry(id, "provincial", "Hệ thống " + id, "System " + id, "", "", code, status,
                T.minusHours(hoursAgo), degradedBy, null, probe, null, 0, null);
    }

    @Test
    void lostConnectionsComeFirstThenDegradedOnesWithTheirCause() {
        ConnectionReport.Probe down = new ConnectionReport.Probe(T, false, "connect failed");
        ConnectionReport report = new ConnectionReport(T, null, "Asia/Ho_Chi_Minh", Map.of(), List.of(
                entry("P01", "ok", "connected", 9, null, new ConnectionReport.Probe(T, true, null)),
                entry("P02", "slow", "degraded", 5, "transactions", null),
                entry("P03", null, "not_registered", 9, null, null),
                entry("P04", "gone-late", "disconnected", 1, null, down),
                entry("P05", "gone-early", "disconnected", 7, null, down)),
                List.of(new ConnectionReport.Unlisted("extra", "Ngoài danh mục", "Unlisted", "provincial", "", "active", "degraded",
                        "probe", T.minusHours(2), down, null, 0)));
        List<SystemConnection> attention = SystemConnection.attention(report);
        assertEquals(List.of("gone-early", "gone-late", "slow", "extra"), attention.stream().map(SystemConnection::systemCode).toList());
        assertEquals("connect failed", attention.get(0).probeDetail());
        assertEquals("transactions", attention.get(2).degradedBy());
        assertNull(attention.get(2).probeDetail(), "no probe detail without a failed probe");
        assertEquals(5, SystemConnection.of(report).size(), "every system with a code, listed or not");
    }
}

package vn.lgsp.hub.connection;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportPageTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static ConnectionReport.Entry entry(String id, String scope, String status) {
        return new ConnectionReport.Entry(id, scope, "Hệ thống " + id, "System " + id, "Bộ", "Ministry", "sys-" + id.toLowerCase(),
                status, OffsetDateTime.parse("2026-06-30T01:00:00Z"), null, null, null, null, 7, null);
    }

    /** The province's end-of-2025 picture: 23 of 24 central and 12 of 12 provincial systems connected. */
    private static List<ConnectionReport.Entry> province() {
        List<ConnectionReport.Entry> rows = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            rows.add(entry(String.format("C%02d", i), "central", i == 24 ? "registered" : i == 3 ? "degraded" : "connected"));
        }
        for (int i = 1; i <= 12; i++) {
            rows.add(entry(String.format("P%02d", i), "provincial", "connected"));
        }
        return rows;
    }

    @Test
    void totalsCountWorkingLinksByScope() {
        Map<String, ConnectionReport.Total> totals = ConnectionReports.totals(province());
        assertEquals("23/24", totals.get("central").text());
        assertEquals("12/12", totals.get("provincial").text());
        assertEquals("35/36", totals.get("all").text());
        assertEquals(1, totals.get("central").byStatus().get("degraded"));
        assertEquals(1, totals.get("all").byStatus().get("registered"));
    }

    @Test
    void rendersVietnameseByDefaultAndEnglishOnRequest() {
        List<ConnectionReport.Entry> rows = province();
        ConnectionReport report = new ConnectionReport(OffsetDateTime.parse("2026-06-30T03:00:00Z"), null, ZONE.getId(),
                ConnectionReports.totals(rows), rows, List.of());
        String vi = new ReportPage(true, ZONE).render(report);
        assertTrue(vi.contains("<html lang=\"vi\">"));
        assertTrue(vi.contains("Báo cáo kết nối"));
        assertTrue(vi.contains("Trung ương</td><td class=\"num\">23/24"));
        assertTrue(vi.contains("Tất cả</td><td class=\"num\">35/36"));
        assertTrue(vi.contains("Hệ thống C01"));
        assertTrue(vi.contains("30/06/2026 10:00"), "times are shown in the report's time zone");
        String en = new ReportPage(false, ZONE).render(report);
        assertTrue(en.contains("<html lang=\"en\">"));
        assertTrue(en.contains("Central</td><td class=\"num\">23/24"));
        assertTrue(en.contains("System C24"));
        assertTrue(en.contains(">Not registered<") || en.contains(">Registered<"));
    }

    @Test
    void escapesEverythingOwnersTypedIn() {
        ConnectionReport.Unlisted hostile = new ConnectionReport.Unlisted("x", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                "provincial", "A & B", "active", "connected", null, null, null, null, 0);
        List<ConnectionReport.Entry> rows = province();
        ConnectionReport report = new ConnectionReport(OffsetDateTime.now(), null, ZONE.getId(), ConnectionReports.totals(rows), rows,
                List.of(hostile));
        String vi = new ReportPage(true, ZONE).render(report);
        assertFalse(vi.contains("<script>"));
        assertTrue(vi.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(vi.contains("A &amp; B"));
        String en = new ReportPage(false, ZONE).render(report);
        assertFalse(en.contains("<img"));
        assertTrue(en.contains("&quot;&gt;&lt;img"));
    }
}

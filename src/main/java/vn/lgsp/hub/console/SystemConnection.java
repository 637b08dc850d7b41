package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;
import vn.lgsp.hub.connection.ConnectionReport;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A system's connection as the connection report derives it, with its cause when it is not
 * connected: what operators need at a glance on the overview and on the system's page.
 *
 * @param degradedBy  {@code probe} or {@code transactions} when degraded
 * @param probeDetail the last probe's detail (e.g. {@code connect failed}) when it was down
 */
@TemplateData
public record SystemConnection(String systemCode, String nameVi, String nameEn, String status, OffsetDateTime since,
                              String degradedBy, String probeDetail) {

    public boolean needsAttention() {
        return "degraded".equals(status) || "disconnected".equals(status);
    }

    /** Every system the report knows (listed and unlisted) with a code, as the report has them. */
    static List<SystemConnection> of(ConnectionReport report) {
        List<SystemConnection> out = new ArrayList<>();
        for (ConnectionReport.Entry e : report.rows()) {
            if (e.systemCode() != null) {
                out.add(new SystemConnection(e.systemCode(), e.nameVi(), e.nameEn(), e.status(), e.since(), e.degradedBy(), downDetail(e.lastProbe())));
            }
        }
        if (report.unlisted() != null) {
            for (ConnectionReport.Unlisted u : report.unlisted()) {
                out.add(new SystemConnection(u.systemCode(), u.nameVi(), u.nameEn(), u.status(), u.degradedSince(), u.degradedBy(),
                        downDetail(u.lastProbe())));
            }
        }
        return out;
    }

    /** Disconnected first, then degraded; the longest-standing first within each. */
    static List<SystemConnection> attention(ConnectionReport report) {
        return of(report).stream().filter(SystemConnection::needsAttention)
                .sorted(Comparator.comparing((SystemConnection c) -> "disconnected".equals(c.status()) ? 0 : 1)
                        .thenComparing(SystemConnection::since, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(SystemConnection::systemCode))
                .toList();
    }

    private static String downDetail(ConnectionReport.Probe probe) {
        return probe != null && Boolean.FALSE.equals(probe.up()) ? probe.detail() : null;
    }
}

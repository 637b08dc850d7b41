package vn.lgsp.hub.connection;

import jakarta.ws.rs.core.Response;
import vn.lgsp.hub.ledger.Csv;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connection report as CSV rows (catalogue entries, then unlisted systems), times in the reports' zone. */
public final class ConnectionReportCsv {

    public static final List<String> COLUMNS = List.of("section", "catalogueId", "scope", "nameVi", "nameEn", "owner", "systemCode",
            "status", "since", "degradedBy", "degradedSince", "lastProbeAt", "lastProbeUp", "lastProbeDetail",
            "lastSuccessfulTransaction", "transactionsThisMonth", "firstConnectedAt");

    private ConnectionReportCsv() {
    }

    /** The report as a CSV download named {@code file}. */
    public static Response download(String file, ConnectionReport report, ZoneId zone) {
        return Csv.of(file, COLUMNS, rows(report, zone));
    }

    public static List<Map<String, Object>> rows(ConnectionReport report, ZoneId zone) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectionReport.Entry e : report.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("section", "catalogue");
            r.put("catalogueId", e.catalogueId());
            r.put("scope", e.scope());
            r.put("nameVi", e.nameVi());
            r.put("nameEn", e.nameEn());
            r.put("owner", e.ownerVi());
            r.put("systemCode", e.systemCode());
            r.put("status", e.status());
            r.put("since", local(e.since(), zone));
            r.put("degradedBy", e.degradedBy());
            r.put("degradedSince", local(e.degradedSince(), zone));
            probe(r, e.lastProbe(), zone);
            r.put("lastSuccessfulTransaction", local(e.lastSuccessfulTransaction(), zone));
            r.put("transactionsThisMonth", e.transactionsThisMonth());
            r.put("firstConnectedAt", local(e.firstConnectedAt(), zone));
            out.add(r);
        }
        if (report.unlisted() != null) {
            for (ConnectionReport.Unlisted u : report.unlisted()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("section", "unlisted");
                r.put("scope", u.scope());
                r.put("nameVi", u.nameVi());
                r.put("nameEn", u.nameEn());
                r.put("owner", u.owningAgency());
                r.put("systemCode", u.systemCode());
                r.put("status", u.status());
                r.put("degradedBy", u.degradedBy());
                r.put("degradedSince", local(u.degradedSince(), zone));
                probe(r, u.lastProbe(), zone);
                r.put("lastSuccessfulTransaction", local(u.lastSuccessfulTransaction(), zone));
                r.put("transactionsThisMonth", u.transactionsThisMonth());
                out.add(r);
            }
        }
        return out;
    }

    private static void probe(Map<String, Object> r, ConnectionReport.Probe probe, ZoneId zone) {
        if (probe != null) {
            r.put("lastProbeAt", local(probe.at(), zone));
            r.put("lastProbeUp", probe.up());
            r.put("lastProbeDetail", probe.detail());
        }
    }

    private static String local(OffsetDateTime time, ZoneId zone) {
        return time == null ? null : time.atZoneSameInstant(zone).toOffsetDateTime().toString();
    }
}

package vn.lgsp.hub.connection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.ledger.ReportConfig;
import vn.lgsp.hub.ledger.RollupSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the connection report, live (settled statuses and current evidence) or as of the end
 * of a past day (from the status history). Months are counted in the reports' time zone
 * ({@code lgsp.reports.time-zone}).
 */
@ApplicationScoped
public class ConnectionReports {

    private static final String ENTRIES = "SELECT c.id, c.scope, c.name_vi, c.name_en, c.owner_vi, c.owner_en, s.code AS system_code, "
            + "st.status, st.since, st.cause, st.cause_since, (SELECT min(h.since) FROM connection_status_history h "
            + "WHERE h.catalogue_id = c.id AND h.status = 'connected') AS first_connected "
            + "FROM catalogue_entry c LEFT JOIN information_system s ON s.catalogue_id = c.id "
            + "LEFT JOIN connection_state st ON st.catalogue_id = c.id ORDER BY c.position";

    private static final String ENTRIES_AT = "SELECT c.id, c.scope, c.name_vi, c.name_en, c.owner_vi, c.owner_en, h.system_code, "
            + "h.status, h.since, h.cause, h.cause_since, (SELECT min(f.since) FROM connection_status_history f "
            + "WHERE f.catalogue_id = c.id AND f.status = 'connected' AND f.since < $1) AS first_connected "
            + "FROM catalogue_entry c LEFT JOIN LATERAL (SELECT * FROM connection_status_history x WHERE x.catalogue_id = c.id "
            + "AND x.since < $1 AND (x.until IS NULL OR x.until >= $1) ORDER BY x.since DESC, x.id DESC LIMIT 1) h ON true ORDER BY c.position";

    private static final String UNLISTED = "SELECT code, name_vi, name_en, scope, owning_agency, status FROM information_system "
            + "WHERE catalogue_id IS NULL AND status <> 'retired' ORDER BY code";

    /** Transactions the hub carried: imported history is not evidence of a working connection. */
    private static final String MONTH = "SELECT provider_code, sum(transactions) AS n FROM " + RollupSource.SQL
            + " WHERE NOT imported GROUP BY provider_code";

    private static final String LAST_SUCCESS = "SELECT s.code, x.received_at FROM information_system s CROSS JOIN LATERAL "
            + "(SELECT l.received_at FROM ledger_entry l WHERE l.provider_code = s.code AND l.success AND l.received_at < $1 "
            + "ORDER BY l.received_at DESC LIMIT 1) x WHERE s.status <> 'retired' OR s.catalogue_id IS NOT NULL";

    @Inject
    Pool pool;
    @Inject
    EvidenceLoader evidence;
    @Inject
    ConnectionsConfig config;
    @Inject
    ReportConfig reports;

    public Uni<ConnectionReport> live() {
        ZoneId zone = reports.timeZone();
        return pool.query("SELECT now() AS now").execute().flatMap(r -> {
            Instant now = r.iterator().next().getOffsetDateTime("now").toInstant();
            Instant monthStart = LocalDate.ofInstant(now, zone).withDayOfMonth(1).atStartOfDay(zone).toInstant();
            return Uni.combine().all().unis(
                            pool.query(ENTRIES).execute(),
                            evidence.load(pool, now),
                            pool.query(UNLISTED).execute(),
                            month(monthStart, now.plusSeconds(3600)),
                            lastSuccess(now.plusSeconds(1)))
                    .asTuple().map(t -> {
                        StatusRules rules = StatusRules.of(config);
                        Map<String, Evidence> byEntry = new HashMap<>();
                        Map<String, Evidence> bySystem = new HashMap<>();
                        for (Evidence e : t.getItem2()) {
                            if (e.catalogueId() != null) {
                                byEntry.put(e.catalogueId(), e);
                            } else {
                                bySystem.put(e.systemCode(), e);
                            }
                        }
                        Map<String, Long> month = t.getItem4();
                        Map<String, OffsetDateTime> last = t.getItem5();
                        List<ConnectionReport.Entry> rows = new ArrayList<>();
                        for (Row row : t.getItem1()) {
                            Evidence e = byEntry.get(row.getString("id"));
                            String system = row.getString("system_code");
                            String status = row.getString("status");
                            OffsetDateTime since = row.getOffsetDateTime("since");
                            String cause = row.getString("cause");
                            OffsetDateTime causeSince = row.getOffsetDateTime("cause_since");
                            if (status == null && e != null) {
                                // Not evaluated yet (the hub just started): the evidence's word, unsettled.
                                Derived d = rules.derive(e, now);
                                status = d.status().wire();
                                cause = d.cause();
                                causeSince = StatusEvaluator.utc(d.causeSince());
                            }
                            rows.add(new ConnectionReport.Entry(row.getString("id"), row.getString("scope"), row.getString("name_vi"),
                                    row.getString("name_en"), row.getString("owner_vi"), row.getString("owner_en"), system, status, since,
                                    cause, causeSince, probe(e), system == null ? null : last.get(system),
                                    system == null ? 0 : month.getOrDefault(system, 0L), row.getOffsetDateTime("first_connected")));
                        }
                        List<ConnectionReport.Unlisted> unlisted = new ArrayList<>();
                        for (Row row : t.getItem3()) {
                            String code = row.getString("code");
                            Evidence e = bySystem.get(code);
                            Derived d = e == null ? Derived.of(ConnectionStatus.REGISTERED) : rules.derive(e, now);
                            unlisted.add(new ConnectionReport.Unlisted(code, row.getString("name_vi"), row.getString("name_en"),
                                    row.getString("scope"), row.getString("owning_agency"), row.getString("status"), d.status().wire(),
                                    d.cause(), StatusEvaluator.utc(d.causeSince()), probe(e), last.get(code), month.getOrDefault(code, 0L)));
                        }
                        return new ConnectionReport(StatusEvaluator.utc(now), null, zone.getId(), totals(rows), rows, unlisted);
                    });
        });
    }

    /** The report as it stood at the end of {@code day} (in the reports' time zone). */
    public Uni<ConnectionReport> at(LocalDate day) {
        ZoneId zone = reports.timeZone();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant monthStart = day.withDayOfMonth(1).atStartOfDay(zone).toInstant();
        return Uni.combine().all().unis(
                        pool.preparedQuery(ENTRIES_AT).execute(Tuple.of(StatusEvaluator.utc(end))),
                        month(monthStart, end),
                        lastSuccess(end))
                .asTuple().map(t -> {
                    List<ConnectionReport.Entry> rows = new ArrayList<>();
                    for (Row row : t.getItem1()) {
                        String system = row.getString("system_code");
                        String status = row.getString("status");
                        rows.add(new ConnectionReport.Entry(row.getString("id"), row.getString("scope"), row.getString("name_vi"),
                                row.getString("name_en"), row.getString("owner_vi"), row.getString("owner_en"), system,
                                status == null ? "unknown" : status, row.getOffsetDateTime("since"), row.getString("cause"),
                                row.getOffsetDateTime("cause_since"), null, system == null ? null : t.getItem3().get(system),
                                system == null ? 0 : t.getItem2().getOrDefault(system, 0L), row.getOffsetDateTime("first_connected")));
                    }
                    return new ConnectionReport(OffsetDateTime.now(zone), day, zone.getId(), totals(rows), rows, null);
                });
    }

    /** Totals by scope and overall: "connected" counts entries whose link works (connected or degraded). */
    static Map<String, ConnectionReport.Total> totals(List<ConnectionReport.Entry> rows) {
        Map<String, List<ConnectionReport.Entry>> groups = new LinkedHashMap<>();
        for (ConnectionReport.Entry row : rows) {
            groups.computeIfAbsent(row.scope(), s -> new ArrayList<>()).add(row);
        }
        groups.put("all", rows);
        Map<String, ConnectionReport.Total> out = new LinkedHashMap<>();
        groups.forEach((scope, members) -> {
            Map<String, Integer> byStatus = new TreeMap<>();
            int connected = 0;
            for (ConnectionReport.Entry row : members) {
                byStatus.merge(row.status(), 1, Integer::sum);
                if (row.status().equals("connected") || row.status().equals("degraded")) {
                    connected++;
                }
            }
            out.put(scope, new ConnectionReport.Total(connected, members.size(), connected + "/" + members.size(), byStatus));
        });
        return out;
    }

    private static ConnectionReport.Probe probe(Evidence e) {
        if (e == null || e.lastProbeAt() == null) {
            return null;
        }
        return new ConnectionReport.Probe(StatusEvaluator.utc(e.lastProbeAt()), e.lastProbeUp(),
                Boolean.TRUE.equals(e.lastProbeUp()) ? null : e.lastProbeDetail());
    }

    private Uni<Map<String, Long>> month(Instant from, Instant to) {
        return pool.preparedQuery(MONTH).execute(RollupSource.of(from, to, reports.timeZone(), false).bind()).map(rows -> {
            Map<String, Long> out = new HashMap<>();
            rows.forEach(row -> out.put(row.getString("provider_code"), row.getLong("n")));
            return out;
        });
    }

    private Uni<Map<String, OffsetDateTime>> lastSuccess(Instant before) {
        return pool.preparedQuery(LAST_SUCCESS).execute(Tuple.of(StatusEvaluator.utc(before))).map((RowSet<Row> rows) -> {
            Map<String, OffsetDateTime> out = new HashMap<>();
            rows.forEach(row -> out.put(row.getString("code"), row.getOffsetDateTime("received_at")));
            return out;
        });
    }
}

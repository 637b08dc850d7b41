package vn.lgsp.hub.console;

import vn.lgsp.hub.connection.ConnectionReport;
import vn.lgsp.hub.connection.ConnectionReports;
import java.util.HashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.ledger.ReportConfig;
import vn.lgsp.hub.registry.EndpointRepository;
import vn.lgsp.hub.registry.InformationSystem;
import vn.lgsp.hub.registry.ServiceRepository;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.compat.CompatDirectory;
import vn.lgsp.hub.compat.CompatProfile;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reads for the connections pages: the listed systems with their registered twins, and one system's detail. */
@ApplicationScoped
public class ConnectionQueries {

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    EndpointRepository endpoints;
    @Inject
    ServiceRepository services;
    @Inject
    ReportConfig reports;
    @Inject
    ConnectionReports connections;
    @Inject
    CompatDirectory compat;

    /** The probe history chart shows the latest probes of the system's endpoints, oldest first. */
    static final int PROBES_SHOWN = 120;

    /** The listed systems with the status the connection report derives from probes and traffic. */
    public Uni<List<ConnectionRow>> listed() {
        return Uni.combine().all().unis(connections.live(), pool.query("SELECT id, listed_status FROM catalogue_entry").execute())
                .asTuple().map(t -> {
                    Map<String, String> listedStatus = new HashMap<>();
                    t.getItem2().forEach(r -> listedStatus.put(r.getString("id"), r.getString("listed_status")));
                    List<ConnectionRow> out = new ArrayList<>(t.getItem1().rows().size());
                    for (ConnectionReport.Entry e : t.getItem1().rows()) {
                        out.add(new ConnectionRow(e.catalogueId(), e.scope(), e.nameVi(), e.nameEn(), e.ownerVi(), e.ownerEn(),
                                listedStatus.get(e.catalogueId()), e.systemCode(), e.status(), e.since()));
                    }
                    return out;
                });
    }

    /** The system (a 404 problem if unknown); the caller checks who may see it before asking for {@link #detail}. */
    public Uni<InformationSystem> system(String code) {
        return systems.get(pool, code);
    }

    /** The period a page was asked for ({@code from}, {@code to} as days in the reports' zone). */
    public ConsolePeriod.Picked period(String from, String to) {
        return ConsolePeriod.pick(from, to, reports.timeZone());
    }

    /**
     * Calls and failures per day of {@code period} (days in the reports' zone, imports included as
     * the reports count them), for one provider or, with null, for all: from the hourly rollups.
     */
    public Uni<List<SystemDetail.DayVolume>> volume(String provider, ConsolePeriod period) {
        ZoneId zone = reports.timeZone();
        return pool.preparedQuery("SELECT to_char(date_trunc('day', hour AT TIME ZONE $3), 'YYYY-MM-DD') AS day, "
                        + "sum(transactions) AS n, sum(failures) AS f FROM ledger_hourly WHERE hour >= $1 AND hour < $2 "
                        + "AND ($4::text IS NULL OR provider_code = $4) GROUP BY 1 ORDER BY 1")
                .execute(Tuple.of(period.start(zone), period.end(zone), zone.getId(), provider))
                .map(rows -> {
                    List<SystemDetail.DayVolume> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new SystemDetail.DayVolume(r.getString("day"), r.getLong("n"), r.getLong("f"))));
                    return out;
                });
    }

    public Uni<SystemDetail> detail(InformationSystem system, ConsolePeriod period) {
        OffsetDateTime since = period.start(reports.timeZone());
        Uni<List<SystemDetail.DayVolume>> volume = volume(system.code(), period);
        Uni<List<SystemDetail.ConsumerVolume>> consumers = pool.preparedQuery("SELECT consumer_code, sum(transactions) AS n, "
                        + "sum(failures) AS f FROM ledger_hourly WHERE provider_code = $1 AND hour >= $2 AND hour < $3 AND NOT imported "
                        + "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")
                .execute(Tuple.of(system.code(), since, period.end(reports.timeZone())))
                .map(rows -> {
                    List<SystemDetail.ConsumerVolume> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new SystemDetail.ConsumerVolume(r.getString("consumer_code"), r.getLong("n"), r.getLong("f"))));
                    return out;
                });
        Uni<List<SystemDetail.ProbePoint>> probes = pool.preparedQuery("SELECT p.at, e.code, p.up, p.duration_ms FROM probe_result p "
                        + "JOIN endpoint e ON e.id = p.endpoint_id WHERE e.system_id = $1 ORDER BY p.at DESC LIMIT $2")
                .execute(Tuple.of(system.id(), PROBES_SHOWN))
                .map(rows -> {
                    List<SystemDetail.ProbePoint> out = new ArrayList<>();
                    rows.forEach(r -> out.add(0, new SystemDetail.ProbePoint(r.getOffsetDateTime("at"), r.getString("code"),
                            r.getBoolean("up"), r.getInteger("duration_ms"))));
                    return out;
                });
        Uni<Map<String, SystemDetail.ProbeSetting>> settings = pool.preparedQuery("SELECT e.code, p.target, p.interval_seconds "
                        + "FROM endpoint_probe p JOIN endpoint e ON e.id = p.endpoint_id WHERE e.system_id = $1")
                .execute(Tuple.of(system.id()))
                .map(rows -> {
                    Map<String, SystemDetail.ProbeSetting> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("code"), new SystemDetail.ProbeSetting(r.getString("target"),
                            r.getInteger("interval_seconds"))));
                    return out;
                });
        Uni<SystemConnection> connection = connections.live().map(report -> SystemConnection.of(report).stream()
                .filter(c -> c.systemCode().equals(system.code())).findFirst().orElse(null));
        Uni<CompatProfile> compatibility = Uni.createFrom().completionStage(compat.view()).map(view -> view.profileOf(system.code()));
        return Uni.combine().all().unis(endpoints.list(pool, system.id()), services.list(pool, system.id()), volume, consumers, probes,
                        connection, settings, compatibility)
                .with((e, s, v, c, p, k, ps, cp) -> new SystemDetail(system, e, s, new PeriodVolume(period, v), c, p, k, ps, cp));
    }
}

package vn.lgsp.hub.console;

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

import java.time.LocalDate;
import java.time.OffsetDateTime;
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

    public Uni<List<ConnectionRow>> listed() {
        return pool.query("SELECT c.id, c.scope, c.name_vi, c.name_en, c.owner_vi, c.owner_en, c.listed_status, s.code AS system_code, "
                        + "s.status AS system_status, s.status_changed_at FROM catalogue_entry c "
                        + "LEFT JOIN information_system s ON s.catalogue_id = c.id ORDER BY c.position").execute()
                .map(rows -> {
                    List<ConnectionRow> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        String status = r.getString("system_status");
                        out.add(new ConnectionRow(r.getString("id"), r.getString("scope"), r.getString("name_vi"), r.getString("name_en"),
                                r.getString("owner_vi"), r.getString("owner_en"), r.getString("listed_status"), r.getString("system_code"),
                                status == null ? ConnectionRow.UNREGISTERED : status, r.getOffsetDateTime("status_changed_at")));
                    }
                    return out;
                });
    }

    /** The system (a 404 problem if unknown); the caller checks who may see it before asking for {@link #detail}. */
    public Uni<InformationSystem> system(String code) {
        return systems.get(pool, code);
    }

    public Uni<SystemDetail> detail(InformationSystem system) {
        OffsetDateTime since = LocalDate.now(reports.timeZone()).minusDays(29).atStartOfDay(reports.timeZone()).toOffsetDateTime();
        Uni<List<SystemDetail.DayVolume>> volume = pool.preparedQuery("SELECT to_char(date_trunc('day', hour AT TIME ZONE $3), 'YYYY-MM-DD') AS day, "
                        + "sum(transactions) AS n, sum(failures) AS f FROM ledger_hourly WHERE provider_code = $1 AND hour >= $2 "
                        + "GROUP BY 1 ORDER BY 1")
                .execute(Tuple.of(system.code(), since, reports.timeZone().getId()))
                .map(rows -> {
                    List<SystemDetail.DayVolume> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new SystemDetail.DayVolume(r.getString("day"), r.getLong("n"), r.getLong("f"))));
                    return out;
                });
        Uni<List<SystemDetail.ConsumerVolume>> consumers = pool.preparedQuery("SELECT consumer_code, sum(transactions) AS n, "
                        + "sum(failures) AS f FROM ledger_hourly WHERE provider_code = $1 AND hour >= $2 AND NOT imported "
                        + "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")
                .execute(Tuple.of(system.code(), since))
                .map(rows -> {
                    List<SystemDetail.ConsumerVolume> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new SystemDetail.ConsumerVolume(r.getString("consumer_code"), r.getLong("n"), r.getLong("f"))));
                    return out;
                });
        return Uni.combine().all().unis(endpoints.list(pool, system.id()), services.list(pool, system.id()), volume, consumers)
                .with((e, s, v, c) -> new SystemDetail(system, e, s, v, c));
    }
}

package vn.lgsp.hub.connection;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.registry.SystemRepository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * X-Road-style health statistics of a provider system, per service, from the ledger: last
 * successful and last failed request, successes and failures in the last period, min/avg/max
 * duration; and each endpoint's probe. Probes are not transactions and are not counted here.
 * Role: operator (and admin).
 */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/api/v1/systems/{systemCode}/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connection report")
public class SystemHealthResource {

    private static final String STATS = "SELECT s.code AS service_code, s.version AS service_version, s.status, "
            + "h.last_success, h.last_failure, coalesce(h.successes, 0) AS successes, coalesce(h.failures, 0) AS failures, "
            + "h.min_us, h.avg_us, h.max_us FROM shared_service s LEFT JOIN LATERAL (SELECT "
            + "max(l.received_at) FILTER (WHERE l.success) AS last_success, max(l.received_at) FILTER (WHERE NOT l.success) AS last_failure, "
            + "count(*) FILTER (WHERE l.success AND l.received_at >= $2) AS successes, "
            + "count(*) FILTER (WHERE NOT l.success AND l.received_at >= $2) AS failures, "
            + "min(l.duration_us) FILTER (WHERE l.received_at >= $2) AS min_us, avg(l.duration_us) FILTER (WHERE l.received_at >= $2) AS avg_us, "
            + "max(l.duration_us) FILTER (WHERE l.received_at >= $2) AS max_us FROM ledger_entry l "
            + "WHERE l.provider_code = $1 AND l.service_code = s.code AND (l.service_version = s.version OR l.service_version IS NULL) "
            + "AND l.received_day >= ($3::timestamptz AT TIME ZONE 'UTC')::date AND l.received_at >= $3) h ON true "
            + "WHERE s.system_id = $4 ORDER BY s.code, s.version";

    private static final String PROBES = "SELECT e.code, p.target, p.interval_seconds, p.last_at, p.last_up, p.last_up_at, "
            + "p.last_duration_ms, p.last_detail, p.consecutive_failures, p.failing_since FROM endpoint e "
            + "LEFT JOIN endpoint_probe p ON p.endpoint_id = e.id WHERE e.system_id = $1 ORDER BY e.code";

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    ConnectionsConfig config;

    @GET
    @Operation(summary = "Health statistics per service (from the ledger) and the endpoints' probes")
    public Uni<Map<String, Object>> health(@PathParam("systemCode") String systemCode) {
        String code = EndpointProbes.slug("systemCode", systemCode);
        return systems.get(pool, code).flatMap(system -> pool.query("SELECT now() AS now").execute().flatMap(clock -> {
            OffsetDateTime now = clock.iterator().next().getOffsetDateTime("now");
            OffsetDateTime from = now.minus(config.healthPeriod());
            OffsetDateTime lookback = now.minus(config.healthLookback().compareTo(config.healthPeriod()) < 0
                    ? config.healthPeriod() : config.healthLookback());
            return Uni.combine().all().unis(
                            pool.preparedQuery(STATS).execute(Tuple.of(code, from, lookback, system.id())),
                            pool.preparedQuery(PROBES).execute(Tuple.of(system.id())))
                    .asTuple().map(t -> {
                        List<Map<String, Object>> services = new ArrayList<>();
                        for (Row row : t.getItem1()) {
                            Map<String, Object> s = new LinkedHashMap<>();
                            s.put("service", row.getString("service_code"));
                            s.put("version", row.getString("service_version"));
                            s.put("status", row.getString("status"));
                            s.put("lastSuccessAt", row.getOffsetDateTime("last_success"));
                            s.put("lastFailureAt", row.getOffsetDateTime("last_failure"));
                            s.put("successes", row.getLong("successes"));
                            s.put("failures", row.getLong("failures"));
                            s.put("minDurationMs", millis(row.getValue("min_us")));
                            s.put("avgDurationMs", millis(row.getValue("avg_us")));
                            s.put("maxDurationMs", millis(row.getValue("max_us")));
                            services.add(s);
                        }
                        List<Map<String, Object>> endpoints = new ArrayList<>();
                        for (Row row : t.getItem2()) {
                            Map<String, Object> e = new LinkedHashMap<>();
                            e.put("endpoint", row.getString("code"));
                            if (row.getString("target") != null) {
                                Map<String, Object> p = new LinkedHashMap<>();
                                p.put("target", row.getString("target"));
                                p.put("intervalSeconds", row.getInteger("interval_seconds"));
                                p.put("lastAt", row.getOffsetDateTime("last_at"));
                                p.put("up", row.getBoolean("last_up"));
                                p.put("lastUpAt", row.getOffsetDateTime("last_up_at"));
                                p.put("durationMs", row.getInteger("last_duration_ms"));
                                p.put("detail", row.getString("last_detail"));
                                p.put("consecutiveFailures", row.getInteger("consecutive_failures"));
                                p.put("failingSince", row.getOffsetDateTime("failing_since"));
                                e.put("probe", p);
                            }
                            endpoints.add(e);
                        }
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("system", code);
                        body.put("from", from);
                        body.put("to", now);
                        body.put("period", config.healthPeriod().toString());
                        body.put("services", services);
                        body.put("endpoints", endpoints);
                        return body;
                    });
        }));
    }

    private static Double millis(Object micros) {
        return micros == null ? null : Math.round(((Number) micros).doubleValue()) / 1000.0;
    }
}

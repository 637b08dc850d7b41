package vn.lgsp.hub.connection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the evidence for every catalogue entry and every unlisted (non-retired) system in two
 * queries: the registry with probe summaries, and the ledger of the freshness window (its day
 * partitions and the (provider, received_at) index keep that cheap).
 *
 * <p>For the status, a transaction succeeded when the ledger says so (the provider answered
 * below 400) and failed when it ended 5xx (the provider failed or could not be reached); 4xx
 * answers are the caller's business and count neither way.
 */
@ApplicationScoped
public class EvidenceLoader {

    private static final String REGISTRY = "SELECT c.id AS catalogue_id, s.code AS system_code, s.status AS system_status, "
            + "(SELECT count(*) FROM shared_service ss WHERE ss.system_id = s.id AND ss.status = 'published')::int AS published, "
            + "pr.probes, pr.last_at, pr.last_up, pr.last_detail, pr.last_up_at, pr.failing_since "
            + "FROM catalogue_entry c FULL JOIN information_system s ON s.catalogue_id = c.id "
            + "LEFT JOIN LATERAL (SELECT count(*)::int AS probes, max(p.last_at) AS last_at, "
            + "(array_agg(p.last_up ORDER BY p.last_at DESC NULLS LAST))[1] AS last_up, "
            + "(array_agg(p.last_detail ORDER BY p.last_at DESC NULLS LAST))[1] AS last_detail, max(p.last_up_at) AS last_up_at, "
            + "min(p.failing_since) FILTER (WHERE p.consecutive_failures >= $1) AS failing_since FROM endpoint_probe p "
            + "WHERE p.endpoint_id IN (SELECT ss.endpoint_id FROM shared_service ss WHERE ss.system_id = s.id AND ss.status = 'published')"
            + ") pr ON true WHERE c.id IS NOT NULL OR s.status <> 'retired' ORDER BY c.position NULLS LAST, s.code";

    /**
     * Recent traffic per registered provider: one range scan of the (provider, received_at) index
     * per system, so the cost follows the traffic inside the window, not the size of the day's
     * partition (a plain scan of today's rows took seconds at 100 million rows).
     */
    private static final String LEDGER = "SELECT s.code AS provider_code, x.last_ok, x.ok, x.failed, x.first_failed "
            + "FROM information_system s CROSS JOIN LATERAL (SELECT count(*) AS n, max(l.received_at) FILTER (WHERE l.success) AS last_ok, "
            + "count(*) FILTER (WHERE l.success) AS ok, count(*) FILTER (WHERE l.status_code >= 500) AS failed, "
            + "min(l.received_at) FILTER (WHERE l.status_code >= 500) AS first_failed FROM ledger_entry l "
            + "WHERE l.provider_code = s.code AND l.received_day >= ($1::timestamptz AT TIME ZONE 'UTC')::date "
            + "AND l.received_at >= $1) x WHERE x.n > 0";

    private record Traffic(Instant lastOk, long ok, long failed, Instant firstFailed) {
    }

    @Inject
    ConnectionsConfig config;

    /** Evidence as of {@code now}, catalogue entries first (in catalogue order), then unlisted systems. */
    public Uni<List<Evidence>> load(SqlClient db, Instant now) {
        OffsetDateTime horizon = now.minus(config.freshness()).atOffset(ZoneOffset.UTC);
        return db.preparedQuery(LEDGER).execute(Tuple.of(horizon)).flatMap(ledger -> {
            Map<String, Traffic> traffic = new HashMap<>();
            for (Row row : ledger) {
                traffic.put(row.getString("provider_code"), new Traffic(instant(row, "last_ok"), row.getLong("ok"),
                        row.getLong("failed"), instant(row, "first_failed")));
            }
            return db.preparedQuery(REGISTRY).execute(Tuple.of(config.probeFailureThreshold())).map(rows -> {
                List<Evidence> out = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    String system = row.getString("system_code");
                    Traffic t = system == null ? null : traffic.get(system);
                    Integer probes = row.getInteger("probes");
                    out.add(new Evidence(row.getString("catalogue_id"), system, row.getString("system_status"),
                            "active".equals(row.getString("system_status")), row.getInteger("published") == null ? 0 : row.getInteger("published"),
                            probes == null ? 0 : probes, instant(row, "last_at"), row.getBoolean("last_up"), row.getString("last_detail"),
                            instant(row, "last_up_at"), instant(row, "failing_since"),
                            t == null ? null : t.lastOk(), t == null ? 0 : t.ok(), t == null ? 0 : t.failed(), t == null ? null : t.firstFailed()));
                }
                return out;
            });
        });
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}

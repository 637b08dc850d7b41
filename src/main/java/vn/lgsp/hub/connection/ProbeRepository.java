package vn.lgsp.hub.connection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Probe settings, the cluster-wide probe lease and probe results. */
@ApplicationScoped
public class ProbeRepository {

    private static final String COLUMNS = "target, interval_seconds, timeout_ms, next_probe_at, consecutive_failures, "
            + "failing_since, last_at, last_up, last_duration_ms, last_detail";

    /** A probe this instance claimed and must now run. */
    record Claim(UUID endpointId, String target, int intervalSeconds, int timeoutMs, int consecutiveFailures) {
    }

    public Uni<ProbeView> find(SqlClient db, UUID endpointId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM endpoint_probe WHERE endpoint_id = $1")
                .execute(Tuple.of(endpointId))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /**
     * Inserts or replaces the settings. A new probe's first run is {@code firstDelay} away; a
     * changed one keeps its schedule unless the new interval brings it closer.
     */
    public Uni<ProbeView> save(SqlClient db, UUID endpointId, ProbeSettings in, Duration firstDelay) {
        return db.preparedQuery("INSERT INTO endpoint_probe (endpoint_id, target, interval_seconds, timeout_ms, next_probe_at, updated_at) "
                        + "VALUES ($1, $2, $3, $4, now() + $5::bigint * interval '1 millisecond', now()) ON CONFLICT (endpoint_id) DO UPDATE SET "
                        + "target = EXCLUDED.target, interval_seconds = EXCLUDED.interval_seconds, timeout_ms = EXCLUDED.timeout_ms, "
                        + "next_probe_at = LEAST(endpoint_probe.next_probe_at, now() + EXCLUDED.interval_seconds * interval '1 second'), "
                        + "updated_at = now() RETURNING " + COLUMNS)
                .execute(Tuple.of(endpointId, in.target(), in.interval(), in.timeout(), firstDelay.toMillis()))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Boolean> delete(SqlClient db, UUID endpointId) {
        return db.preparedQuery("DELETE FROM endpoint_probe WHERE endpoint_id = $1").execute(Tuple.of(endpointId))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Claims at most {@code limit} due probes of active systems for {@code instance}, in one
     * atomic UPDATE: the lease moves each claimed probe's next time past its timeout plus
     * {@code leaseMargin}, so no other instance runs it meanwhile, and if this instance dies the
     * lease simply runs out.
     * {@code SKIP LOCKED} lets instances claiming at the same moment take different probes.
     */
    Uni<List<Claim>> claim(SqlClient db, String instance, int limit, Duration leaseMargin) {
        return db.preparedQuery("UPDATE endpoint_probe p SET next_probe_at = now() + (p.timeout_ms + $3::bigint) * interval '1 millisecond', "
                        + "claimed_by = $1, claimed_at = now() WHERE p.next_probe_at <= now() AND p.endpoint_id IN ("
                        + "SELECT q.endpoint_id FROM endpoint_probe q JOIN endpoint e ON e.id = q.endpoint_id "
                        + "JOIN information_system s ON s.id = e.system_id WHERE q.next_probe_at <= now() AND s.status = 'active' "
                        + "ORDER BY q.next_probe_at LIMIT $2 FOR UPDATE OF q SKIP LOCKED) "
                        + "RETURNING p.endpoint_id, p.target, p.interval_seconds, p.timeout_ms, p.consecutive_failures")
                .execute(Tuple.of(instance, limit, leaseMargin.toMillis()))
                .map(rows -> {
                    List<Claim> claims = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        claims.add(new Claim(row.getUUID("endpoint_id"), row.getString("target"), row.getInteger("interval_seconds"),
                                row.getInteger("timeout_ms"), row.getInteger("consecutive_failures")));
                    }
                    return claims;
                });
    }

    /** Stores a probe's outcome (history row and the endpoint's summary) and sets its next time, releasing the lease. */
    Uni<Void> complete(SqlClient db, UUID endpointId, boolean up, int durationMs, String detail, Duration nextIn, String instance) {
        return db.preparedQuery("WITH done AS (UPDATE endpoint_probe SET next_probe_at = now() + $5::bigint * interval '1 millisecond', "
                        + "claimed_by = NULL, claimed_at = NULL, "
                        + "consecutive_failures = CASE WHEN $2 THEN 0 ELSE consecutive_failures + 1 END, "
                        + "failing_since = CASE WHEN $2 THEN NULL ELSE coalesce(failing_since, now()) END, "
                        + "last_at = now(), last_up = $2, last_up_at = CASE WHEN $2 THEN now() ELSE last_up_at END, "
                        + "last_duration_ms = $3, last_detail = $4, updated_at = now() WHERE endpoint_id = $1 RETURNING endpoint_id) "
                        + "INSERT INTO probe_result (endpoint_id, at, up, duration_ms, detail, hub_instance) "
                        + "SELECT endpoint_id, now(), $2, $3, $4, $6 FROM done")
                .execute(Tuple.tuple().addUUID(endpointId).addBoolean(up).addInteger(durationMs).addString(detail)
                        .addLong(nextIn.toMillis()).addString(instance))
                .replaceWithVoid();
    }

    /** The connector cannot probe: no evidence either way; look again after an interval. */
    Uni<Void> unsupported(SqlClient db, UUID endpointId, String detail, Duration nextIn) {
        return db.preparedQuery("UPDATE endpoint_probe SET next_probe_at = now() + $2::bigint * interval '1 millisecond', claimed_by = NULL, "
                        + "claimed_at = NULL, last_detail = $3, updated_at = now() WHERE endpoint_id = $1")
                .execute(Tuple.of(endpointId, nextIn.toMillis(), detail))
                .replaceWithVoid();
    }

    /** Drops probe results older than the retention. */
    Uni<Integer> purge(SqlClient db, Duration retention) {
        return db.preparedQuery("DELETE FROM probe_result WHERE at < now() - $1::bigint * interval '1 second'")
                .execute(Tuple.of(retention.toSeconds()))
                .map(rows -> rows.rowCount());
    }

    private static ProbeView map(Row row) {
        ProbeView.LastProbe last = row.getOffsetDateTime("last_at") == null && row.getString("last_detail") == null ? null
                : new ProbeView.LastProbe(row.getOffsetDateTime("last_at"), row.getBoolean("last_up"),
                row.getInteger("last_duration_ms"), row.getString("last_detail"));
        return new ProbeView(row.getString("target"), row.getInteger("interval_seconds"), row.getInteger("timeout_ms"),
                row.getOffsetDateTime("next_probe_at"), last, row.getInteger("consecutive_failures"),
                row.getOffsetDateTime("failing_since"));
    }
}

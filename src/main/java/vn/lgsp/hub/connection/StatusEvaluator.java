package vn.lgsp.hub.connection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Derives every catalogue entry's status from the evidence at a fixed pace, settles it through
 * {@link Hysteresis} and, for each real change, closes the entry's status history row, opens a
 * new one and writes a {@code connection.status_changed} event, all in one transaction. A
 * transaction-scoped advisory lock makes one instance evaluate at a time across the cluster, so
 * a change is recorded once.
 */
@ApplicationScoped
public class StatusEvaluator {

    private static final Logger LOG = Logger.getLogger(StatusEvaluator.class);
    /** Advisory lock key of the evaluation (any constant unique within the hub's database). */
    private static final long LOCK = 0x4c47_5350_0005L;

    record Change(String catalogueId, String systemCode, ConnectionStatus previous, ConnectionState state) {
    }

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    EvidenceLoader evidence;
    @Inject
    ConnectionEvents events;
    @Inject
    ConnectionMetrics metrics;
    @Inject
    ConnectionsConfig config;

    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        long every = config.evaluateInterval().toMillis();
        timer = vertx.setPeriodic(Math.min(1000, every), every, id -> {
            if (running.compareAndSet(false, true)) {
                evaluate().onTermination().invoke(() -> running.set(false)).subscribe().with(
                        changes -> { }, failure -> LOG.warnf("connection status evaluation failed: %s", failure.getMessage()));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One evaluation round; returns the changes it recorded (none when another instance holds the lock). */
    public Uni<List<Change>> evaluate() {
        StatusRules rules = StatusRules.of(config);
        Hysteresis hysteresis = Hysteresis.of(config);
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked, now() AS now")
                        .execute(Tuple.of(LOCK))
                        .flatMap(rows -> {
                            Row row = rows.iterator().next();
                            if (!row.getBoolean("locked")) {
                                return Uni.createFrom().item(List.<Change>of());
                            }
                            Instant now = row.getOffsetDateTime("now").toInstant();
                            return evidence.load(tx, now).flatMap(all -> states(tx).flatMap(states -> {
                                List<Tuple> stateRows = new ArrayList<>();
                                List<Change> changes = new ArrayList<>();
                                for (Evidence e : all) {
                                    if (e.catalogueId() == null) {
                                        continue;
                                    }
                                    Hysteresis.Step step = hysteresis.apply(states.get(e.catalogueId()), rules.derive(e, now), now);
                                    stateRows.add(stateTuple(e.catalogueId(), step.state(), now));
                                    if (step.changed()) {
                                        changes.add(new Change(e.catalogueId(), e.systemCode(), step.previous(), step.state()));
                                    }
                                }
                                return saveStates(tx, stateRows).flatMap(v -> record(tx, changes)).replaceWith(changes);
                            }));
                        }))
                .call(changes -> {
                    if (!changes.isEmpty()) {
                        events.committed();
                        changes.forEach(c -> LOG.infof("connection status of %s (%s): %s -> %s", c.catalogueId(), c.systemCode(),
                                c.previous() == null ? "-" : c.previous().wire(), c.state().status().wire()));
                    }
                    return metrics.refresh(pool);
                });
    }

    private static Uni<Map<String, ConnectionState>> states(SqlConnection tx) {
        return tx.query("SELECT catalogue_id, status, since, cause, cause_since, pending_status, pending_since, pending_count "
                + "FROM connection_state").execute().map(rows -> {
            Map<String, ConnectionState> out = new HashMap<>();
            for (Row row : rows) {
                String pending = row.getString("pending_status");
                out.put(row.getString("catalogue_id"), new ConnectionState(ConnectionStatus.fromWire(row.getString("status")),
                        EvidenceLoader.instant(row, "since"), row.getString("cause"), EvidenceLoader.instant(row, "cause_since"),
                        pending == null ? null : ConnectionStatus.fromWire(pending), EvidenceLoader.instant(row, "pending_since"),
                        row.getInteger("pending_count")));
            }
            return out;
        });
    }

    private static Uni<Void> saveStates(SqlConnection tx, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO connection_state (catalogue_id, status, since, cause, cause_since, pending_status, "
                        + "pending_since, pending_count, evaluated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                        + "ON CONFLICT (catalogue_id) DO UPDATE SET status = EXCLUDED.status, since = EXCLUDED.since, "
                        + "cause = EXCLUDED.cause, cause_since = EXCLUDED.cause_since, pending_status = EXCLUDED.pending_status, "
                        + "pending_since = EXCLUDED.pending_since, pending_count = EXCLUDED.pending_count, evaluated_at = EXCLUDED.evaluated_at")
                .executeBatch(rows).replaceWithVoid();
    }

    private Uni<Void> record(SqlConnection tx, List<Change> changes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Change c : changes) {
            ConnectionState s = c.state();
            chain = chain
                    .call(() -> tx.preparedQuery("UPDATE connection_status_history SET until = $2 WHERE catalogue_id = $1 AND until IS NULL")
                            .execute(Tuple.of(c.catalogueId(), utc(s.since()))))
                    .call(() -> tx.preparedQuery("INSERT INTO connection_status_history (catalogue_id, system_code, status, since, cause, "
                                    + "cause_since) VALUES ($1, $2, $3, $4, $5, $6)")
                            .execute(Tuple.tuple().addString(c.catalogueId()).addString(c.systemCode()).addString(s.status().wire())
                                    .addValue(utc(s.since())).addString(s.cause()).addValue(utc(s.causeSince()))))
                    .call(() -> events.statusChanged(tx, c.catalogueId(), c.systemCode(), c.previous(), s));
        }
        return chain;
    }

    private static Tuple stateTuple(String catalogueId, ConnectionState s, Instant now) {
        return Tuple.tuple().addString(catalogueId).addString(s.status().wire()).addValue(utc(s.since())).addString(s.cause())
                .addValue(utc(s.causeSince())).addString(s.pendingStatus() == null ? null : s.pendingStatus().wire())
                .addValue(utc(s.pendingSince())).addInteger(s.pendingCount()).addValue(utc(now));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

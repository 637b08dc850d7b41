package vn.lgsp.hub.ledger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps one partition per day of ledger detail (the transactions, their request records and their completions): creates
 * those missing ahead of time (so inserts never land in the default partition) and drops those
 * past the retention (rollups stay). Runs at start and every six hours, on one instance at a time.
 */
@ApplicationScoped
public class LedgerPartitions {

    private static final Logger LOG = Logger.getLogger(LedgerPartitions.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final long MAINTENANCE_LOCK = 0x4c47_5350_5041L; // "LGSPPA"
    private static final List<String> PARTITIONED = List.of("ledger_entry", "ledger_request", "ledger_completion");

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    LedgerConfig config;

    /** After upkeep gave up (a lock it could not get in time), when it tries again. */
    static final Duration RETRY = Duration.ofMinutes(1);

    void start(@Observes StartupEvent event) {
        try {
            maintain().await().atMost(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            // Partitions exist days ahead (and the default partition takes any row), so a start
            // does not wait for a lock a long search holds.
            LOG.warnf("ledger partition maintenance failed at start, retrying in %s: %s", RETRY, e.toString());
            vertx.setTimer(RETRY.toMillis(), id -> maintainInBackground());
        }
        vertx.setPeriodic(Duration.ofHours(6).toMillis(), id -> maintainInBackground());
    }

    private void maintainInBackground() {
        maintain().subscribe().with(done -> { }, failure -> {
            LOG.warnf("ledger partition maintenance failed, retrying in %s: %s", RETRY, failure.toString());
            vertx.setTimer(RETRY.toMillis(), id -> maintainInBackground());
        });
    }

    Uni<Void> maintain() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // SET LOCAL takes no parameter: the value is a whole number of milliseconds from the configuration.
        String lockTimeout = "SET LOCAL lock_timeout = " + Math.max(1, config.maintenanceLockTimeout().toMillis());
        return pool.withTransaction(tx -> tx.query(lockTimeout).execute()
                .flatMap(set -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(MAINTENANCE_LOCK)))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? existing(tx).flatMap(partitions -> create(tx, partitions, today.minusDays(1), today.plusDays(config.partitionsAhead()))
                                .flatMap(v -> dropExpired(tx, partitions, today)))
                        : Uni.createFrom().voidItem()));
    }

    /** Names of the daily partitions there are now. */
    private Uni<Set<String>> existing(SqlConnection tx) {
        return tx.preparedQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ANY($1)")
                .execute(Tuple.of(PARTITIONED.toArray(new String[0])))
                .map(rows -> {
                    Set<String> names = new HashSet<>();
                    rows.forEach(row -> names.add(row.getString(0)));
                    return names;
                });
    }

    private Uni<Void> create(SqlConnection tx, Set<String> existing, LocalDate from, LocalDate to) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (String table : PARTITIONED) {
                String name = table + "_" + NAME.format(day);
                if (!existing.contains(name)) {
                    String ddl = "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table + " FOR VALUES FROM ('" + day
                            + "') TO ('" + day.plusDays(1) + "')";
                    chain = chain.flatMap(v -> tx.query(ddl).execute().replaceWithVoid());
                }
            }
        }
        return chain;
    }

    private Uni<Void> dropExpired(SqlConnection tx, Set<String> existing, LocalDate today) {
        LocalDate oldestKept = today.minusDays(config.retention().toDays());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : existing) {
            if (name.matches("ledger_(entry|completion)_\\d{8}")
                    && LocalDate.parse(name.substring(name.length() - 8), NAME).isBefore(oldestKept)) {
                chain = chain.flatMap(v -> tx.query("DROP TABLE " + name).execute().replaceWithVoid())
                        .invoke(() -> LOG.infof("dropped ledger detail partition %s (retention %s; rollups kept)", name, config.retention()));
            }
        }
        return chain;
    }
}

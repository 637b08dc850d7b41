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
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps one partition per day of ledger detail: creates them ahead of time (so inserts never
 * land in the default partition) and drops those past the retention (rollups stay). Runs at
 * start and every six hours, on one instance at a time.
 */
@ApplicationScoped
public class LedgerPartitions {

    private static final Logger LOG = Logger.getLogger(LedgerPartitions.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final long MAINTENANCE_LOCK = 0x4c47_5350_5041L; // "LGSPPA"

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    LedgerConfig config;

    void start(@Observes StartupEvent event) {
        maintain().await().atMost(Duration.ofSeconds(60));
        vertx.setPeriodic(Duration.ofHours(6).toMillis(), id -> maintain().subscribe().with(
                done -> { }, failure -> LOG.warnf("ledger partition maintenance failed: %s", failure.toString())));
    }

    Uni<Void> maintain() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(MAINTENANCE_LOCK))
                .flatMap(locked -> locked.iterator().next().getBoolean(0)
                        ? create(tx, today.minusDays(1), today.plusDays(config.partitionsAhead())).flatMap(v -> dropExpired(tx, today))
                        : Uni.createFrom().voidItem()));
    }

    private Uni<Void> create(SqlConnection tx, LocalDate from, LocalDate to) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate d = day;
            chain = chain.flatMap(v -> tx.query("CREATE TABLE IF NOT EXISTS ledger_entry_" + NAME.format(d)
                    + " PARTITION OF ledger_entry FOR VALUES FROM ('" + d + "') TO ('" + d.plusDays(1) + "')").execute()
                    .replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> dropExpired(SqlConnection tx, LocalDate today) {
        LocalDate oldestKept = today.minusDays(config.retention().toDays());
        return tx.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'ledger_entry'").execute()
                .flatMap(rows -> {
                    List<String> expired = new ArrayList<>();
                    rows.forEach(row -> {
                        String name = row.getString(0);
                        if (name.matches("ledger_entry_\\d{8}")
                                && LocalDate.parse(name.substring(13), NAME).isBefore(oldestKept)) {
                            expired.add(name);
                        }
                    });
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String name : expired) {
                        chain = chain.flatMap(v -> tx.query("DROP TABLE " + name).execute().replaceWithVoid())
                                .invoke(() -> LOG.infof("dropped ledger detail partition %s (retention %s; rollups kept)", name, config.retention()));
                    }
                    return chain;
                });
    }
}

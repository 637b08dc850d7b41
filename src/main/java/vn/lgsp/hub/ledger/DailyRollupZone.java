package vn.lgsp.hub.ledger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The daily rollups count days in the reports' time zone. When the configured zone is not the
 * one they were built in, they are rebuilt from the hourly rollups at start, before any
 * transaction is recorded (change the zone with every instance stopped).
 */
@ApplicationScoped
public class DailyRollupZone {

    private static final Logger LOG = Logger.getLogger(DailyRollupZone.class);
    private static final long REBUILD_LOCK = 0x4c47_5350_445aL; // "LGSPDZ"

    @Inject
    Pool pool;
    @Inject
    ReportConfig reports;

    void start(@Observes StartupEvent event) {
        align().await().atMost(Duration.ofMinutes(30));
    }

    Uni<Boolean> align() {
        String zone = reports.timeZone().getId();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(REBUILD_LOCK))
                .flatMap(locked -> tx.query("SELECT zone FROM ledger_daily_zone").execute())
                .flatMap(rows -> {
                    String built = rows.size() == 0 ? null : rows.iterator().next().getString(0);
                    if (zone.equals(built)) {
                        return Uni.createFrom().item(false);
                    }
                    LOG.warnf("rebuilding the daily rollups for time zone %s (they were in %s)", zone, built);
                    return tx.preparedQuery("SELECT lgsp_rebuild_daily($1)").execute(Tuple.of(zone)).replaceWith(true);
                }));
    }
}

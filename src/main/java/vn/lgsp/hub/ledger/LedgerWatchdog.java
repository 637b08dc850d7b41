package vn.lgsp.hub.ledger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Keeps the ledger's promise when PostgreSQL fails or hangs: fails every record past the commit
 * deadline (so no call waits without end), and probes the write path on every tick, with or
 * without traffic. Readiness answers from memory, at once, and is down while the ledger cannot
 * write or a probe has waited longer than the commit deadline, so a balancer moves traffic away
 * from a hub whose database hangs (a plain connection check would itself hang with it).
 */
@Readiness
@ApplicationScoped
public class LedgerWatchdog implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(LedgerWatchdog.class);

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    LedgerConfig config;
    @Inject
    LedgerWriter outcomes;
    @Inject
    RequestRecords requests;

    /**
     * Writes nothing, but takes the locks the ledger's inserts take: it waits, as they would, for
     * a database that hangs or a table another session holds exclusively, where {@code SELECT 1}
     * would answer at once.
     */
    private static final String PROBE = "WITH request AS (INSERT INTO ledger_request SELECT * FROM ledger_request WHERE false), "
            + "outcome AS (INSERT INTO ledger_entry SELECT * FROM ledger_entry WHERE false) SELECT 1";

    @Inject
    LedgerProbe probe;
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            // A quarter of the deadline: a record is failed at most 25% after its deadline passed.
            timer = vertx.setPeriodic(Math.max(50, config.commitDeadline().toMillis() / 4), id -> check());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private List<GroupCommit<?>> commits() {
        return List.of(requests.commits(), outcomes.commits());
    }

    private void check() {
        commits().forEach(GroupCommit::sweep);
        if (probe.overdue()) {
            commits().forEach(GroupCommit::unavailable);
        }
        if (probe.begin()) {
            pool.query(PROBE).execute().subscribe().with(rows -> {
                probe.end();
                if (commits().stream().anyMatch(c -> !c.healthy())) {
                    LOG.info("the ledger's database answers again: accepting calls");
                    commits().forEach(GroupCommit::recovered);
                }
            }, failure -> {
                probe.end();
                commits().forEach(GroupCommit::unavailable);
            });
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean writing = !config.enabled() || (!probe.overdue() && commits().stream().allMatch(GroupCommit::healthy));
        return HealthCheckResponse.named("ledger").status(writing)
                .withData("detail", writing ? "recording transactions" : "cannot record transactions: calls are refused").build();
    }
}

package vn.lgsp.hub.console;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import vn.lgsp.hub.connection.ConnectionReport;
import vn.lgsp.hub.connection.ConnectionReports;
import vn.lgsp.hub.ledger.RollupSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.ledger.LatencyHistogram;
import vn.lgsp.hub.ledger.ReportConfig;
import vn.lgsp.hub.ledger.TransactionTotals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

/**
 * Computes the overview's figures: the totals of {@code GET /api/v1/reports/totals}
 * ({@link TransactionTotals}), today's p95 from the hourly latency histograms, and the
 * connection tally from the catalogue and the registry.
 */
@ApplicationScoped
public class OverviewFigures {

    @Inject
    Pool pool;
    @Inject
    ConnectionReports connections;
    @Inject
    TransactionTotals totals;
    @Inject
    ReportConfig config;

    public Uni<Overview> overview() {
        return Uni.combine().all().unis(totals.totals(), p95Today(), connections.live()).asTuple().map(t -> {
            Map<String, Object> totals = t.getItem1();
            long today = (Long) totals.get("today");
            long failures = (Long) totals.get("failuresToday");
            return new Overview(Instant.now().toString(), today, (Long) totals.get("thisMonth"), (Long) totals.get("sinceStart"),
                    (Long) totals.get("imported"), failures, today == 0 ? null : failures / (double) today,
                    t.getItem2().orElse(null), tally(t.getItem3()), SystemConnection.attention(t.getItem3()));
        });
    }

    private Uni<java.util.Optional<Double>> p95Today() {
        LocalDate today = LocalDate.now(config.timeZone());
        return pool.preparedQuery("SELECT " + RollupSource.BUCKET_SUMS + " AS buckets, max(duration_us_max) AS max FROM ledger_hourly "
                        + "WHERE hour >= $1 AND NOT imported")
                .execute(Tuple.of(today.atStartOfDay(config.timeZone()).toOffsetDateTime()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Long[] buckets = row.getArrayOfLongs("buckets");
                    if (buckets == null) {
                        return java.util.Optional.empty();
                    }
                    return java.util.Optional.ofNullable(LatencyHistogram.percentileMillis(
                            Arrays.stream(buckets).mapToLong(v -> v == null ? 0 : v).toArray(), 0.95, row.getLong("max")));
                });
    }

    /** From the live connection report, so the overview and the report never disagree. */
    static ConnectionTally tally(ConnectionReport report) {
        ConnectionReport.Total all = report.totals().get("all");
        int notRegistered = all.byStatus().getOrDefault("not_registered", 0);
        return new ConnectionTally(all.connected(), all.listed(), all.listed() - notRegistered);
    }
}

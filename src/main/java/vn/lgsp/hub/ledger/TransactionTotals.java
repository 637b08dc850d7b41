package vn.lgsp.hub.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transactions today, this month and since the start (imported history included), from the
 * rollups: the figures of {@code GET /api/v1/reports/totals} and of the console's overview.
 * Operators' figures: each caller guards who may see them (the report by its roles, the console
 * by {@code ConsoleAccess}), since the console's live feed reads them once for every watcher,
 * outside any one request.
 */
@ApplicationScoped
public class TransactionTotals {

    @Inject
    Pool pool;
    @Inject
    ReportConfig config;

    /** today, thisMonth, sinceStart, imported, failuresToday and the report time zone, in that order. */
    public Uni<Map<String, Object>> totals() {
        ZoneId zone = config.timeZone();
        LocalDate today = LocalDate.now(zone);
        String fromToday = RollupSource.param(0);
        String sql = "SELECT coalesce(sum(transactions) FILTER (WHERE local >= " + fromToday + "), 0) AS today, "
                + "coalesce(sum(transactions) FILTER (WHERE local >= " + RollupSource.param(1) + "), 0) AS month, "
                + "coalesce(sum(transactions), 0) AS all_time, coalesce(sum(transactions) FILTER (WHERE imported), 0) AS imported, "
                + "coalesce(sum(failures) FILTER (WHERE local >= " + fromToday + "), 0) AS failures_today FROM " + RollupSource.SQL;
        // Everything up to the end of today; the days come from the daily rollups.
        RollupSource source = RollupSource.of(Instant.EPOCH, today.plusDays(1).atStartOfDay(zone).toInstant(), zone, false);
        return pool.preparedQuery(sql).execute(source.bind().addLocalDateTime(today.atStartOfDay())
                        .addLocalDateTime(today.withDayOfMonth(1).atStartOfDay()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("today", row.getLong("today"));
                    body.put("thisMonth", row.getLong("month"));
                    body.put("sinceStart", row.getLong("all_time"));
                    body.put("imported", row.getLong("imported"));
                    body.put("failuresToday", row.getLong("failures_today"));
                    body.put("timeZone", zone.getId());
                    return body;
                });
    }
}

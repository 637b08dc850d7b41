package vn.lgsp.hub.ledger;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The rollup rows covering a period {@code [from, to)}: daily rows for the whole days (in the
 * reports' zone) inside it and hourly rows for the partial days at its edges, as one derived
 * table with a {@code local} timestamp (in that zone) and the rollup measures. Exact for any
 * whole-hour zone, because each hour belongs to exactly one day there.
 *
 * <p>Parameters {@code $1..$7} are the source's ({@link #bind()}); a query adds its own from {@code $8}.
 */
public record RollupSource(Instant from, Instant daysFrom, Instant daysTo, Instant to, LocalDate firstDay, LocalDate endDay,
                           ZoneId zone) {

    /** The first parameter index a query using this source may use for its own parameters. */
    public static final int NEXT_PARAMETER = 8;

    private static final String MEASURES = "provider_code, consumer_code, service_code, status_class, imported, transactions, "
            + "failures, duration_us_sum, duration_us_max, request_bytes, response_bytes, latency_buckets";

    /** The derived table, aliased {@code r}. */
    public static final String SQL = "(SELECT hour AT TIME ZONE $7 AS local, " + MEASURES + " FROM ledger_hourly WHERE hour >= $1 AND hour < $2"
            + " UNION ALL SELECT day::timestamp, " + MEASURES + " FROM ledger_daily WHERE day >= $5 AND day < $6"
            + " UNION ALL SELECT hour AT TIME ZONE $7, " + MEASURES + " FROM ledger_hourly WHERE hour >= $3 AND hour < $4) r";

    /** The 32 latency buckets summed element by element (a native sum per element is far cheaper than an array aggregate). */
    public static final String BUCKET_SUMS;

    static {
        StringBuilder sums = new StringBuilder("ARRAY[");
        for (int i = 1; i <= 32; i++) {
            sums.append(i > 1 ? ", " : "").append("coalesce(sum(latency_buckets[").append(i).append("]), 0)");
        }
        BUCKET_SUMS = sums.append("]::bigint[]").toString();
    }

    /** {@code hourly}: the caller needs hours, so every row comes from the hourly rollups. */
    public static RollupSource of(Instant from, Instant to, ZoneId zone, boolean hourly) {
        LocalDate first = LocalDate.ofInstant(from, zone);
        if (first.atStartOfDay(zone).toInstant().isBefore(from)) {
            first = first.plusDays(1);
        }
        LocalDate end = LocalDate.ofInstant(to, zone);
        if (hourly || !first.isBefore(end)) {
            return new RollupSource(from, to, to, to, end, end, zone);
        }
        return new RollupSource(from, first.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(), to, first, end, zone);
    }

    /** A tuple holding this source's seven parameters; append the query's own after them. */
    public Tuple bind() {
        return Tuple.tuple().addOffsetDateTime(from.atOffset(ZoneOffset.UTC)).addOffsetDateTime(daysFrom.atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(daysTo.atOffset(ZoneOffset.UTC)).addOffsetDateTime(to.atOffset(ZoneOffset.UTC))
                .addLocalDate(firstDay).addLocalDate(endDay).addString(zone.getId());
    }

    /** The {@code local} value of an instant, for comparisons in a query. */
    public LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }
}

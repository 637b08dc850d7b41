package vn.lgsp.hub.ledger;

import io.vertx.mutiny.sqlclient.Tuple;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What a period {@code [from, to)} holds, exactly, as one derived table with a {@code local}
 * timestamp (in the reports' zone) and the rollup measures: daily rows for the whole days inside
 * it, hourly rows for the whole hours at the edges of those days, and, for the partial hours at
 * the period's very edges, the ledger's detail rows and the imports that start there. An
 * imported total counts at the instant its period starts (the rollups keep it at that hour).
 * Exact for any whole-hour zone, because each hour belongs to exactly one day there.
 *
 * <p>Parameters {@code $1..$11} are the source's ({@link #bind()}); a query adds its own from
 * {@link #NEXT_PARAMETER}.
 */
public record RollupSource(Instant from, Instant hoursFrom, Instant daysFrom, Instant daysTo, Instant hoursTo, Instant to,
                           LocalDate firstDay, LocalDate endDay, ZoneId zone) {

    /** The first parameter index a query using this source may use for its own parameters. */
    public static final int NEXT_PARAMETER = 12;

    private static final String MEASURES = "provider_code, consumer_code, service_code, status_class, imported, transactions, "
            + "failures, duration_us_sum, duration_us_max, request_bytes, response_bytes, latency_buckets";

    /** The partial hours at the period's edges: {@code [$8, $1)} and {@code [$4, $9)}. */
    private static final String EDGE = "((%1$s >= $8 AND %1$s < $1) OR (%1$s >= $4 AND %1$s < $9))";

    /**
     * A detail row as a rollup row: the same status class, failure and bucket rules as
     * {@link LedgerEntry#statusClass()}, {@link LedgerEntry#success()} and
     * {@link LedgerEntry#latencyBucket()} (bucket {@code b} is element {@code b + 1}).
     */
    private static final String DETAIL = "SELECT received_at AT TIME ZONE $7, provider_code, consumer_code, service_code, "
            + "greatest(1, least(5, status_code / 100))::smallint, false, 1::bigint, CASE WHEN success THEN 0 ELSE 1 END::bigint, "
            + "duration_us, duration_us, request_bytes, response_bytes, "
            + "('{' || repeat('0,', b) || '1' || repeat(',0', 31 - b) || '}')::bigint[] "
            + "FROM ledger_entry CROSS JOIN LATERAL (SELECT least(31, length(ltrim(greatest(1, duration_us)::bit(64)::text, '0')) - 1) AS b) k "
            + "WHERE received_day IN ($10, $11) AND " + EDGE.formatted("received_at");

    private static final String IMPORTS = "SELECT period_start AT TIME ZONE $7, provider_code, '', '', 0::smallint, true, transactions, "
            + "failures, 0::bigint, 0::bigint, 0::bigint, 0::bigint, '{}'::bigint[] FROM ledger_import "
            + "WHERE withdrawn_at IS NULL AND " + EDGE.formatted("period_start");

    /** The derived table, aliased {@code r}. */
    public static final String SQL = "(SELECT hour AT TIME ZONE $7 AS local, " + MEASURES + " FROM ledger_hourly WHERE hour >= $1 AND hour < $2"
            + " UNION ALL SELECT day::timestamp, " + MEASURES + " FROM ledger_daily WHERE day >= $5 AND day < $6"
            + " UNION ALL SELECT hour AT TIME ZONE $7, " + MEASURES + " FROM ledger_hourly WHERE hour >= $3 AND hour < $4"
            + " UNION ALL " + DETAIL + " UNION ALL " + IMPORTS + ") r";

    /** The 32 latency buckets summed element by element (a native sum per element is far cheaper than an array aggregate). */
    public static final String BUCKET_SUMS;

    static {
        StringBuilder sums = new StringBuilder("ARRAY[");
        for (int i = 1; i <= 32; i++) {
            sums.append(i > 1 ? ", " : "").append("coalesce(sum(latency_buckets[").append(i).append("]), 0)");
        }
        BUCKET_SUMS = sums.append("]::bigint[]").toString();
    }

    /** {@code hourly}: the caller needs hours, so no row comes from the daily rollups. */
    public static RollupSource of(Instant from, Instant to, ZoneId zone, boolean hourly) {
        Instant hoursFrom = from.truncatedTo(ChronoUnit.HOURS);
        if (hoursFrom.isBefore(from)) {
            hoursFrom = hoursFrom.plus(1, ChronoUnit.HOURS);
        }
        Instant hoursTo = to.truncatedTo(ChronoUnit.HOURS);
        if (!hoursFrom.isBefore(hoursTo)) {
            // No whole hour inside: the period is detail only (a partial hour, or the ends of two).
            Instant split = hoursFrom.isAfter(to) ? to : hoursFrom;
            LocalDate day = LocalDate.ofInstant(to, zone);
            return new RollupSource(from, split, split, split, split, to, day, day, zone);
        }
        LocalDate first = LocalDate.ofInstant(hoursFrom, zone);
        if (first.atStartOfDay(zone).toInstant().isBefore(hoursFrom)) {
            first = first.plusDays(1);
        }
        LocalDate end = LocalDate.ofInstant(hoursTo, zone);
        if (hourly || !first.isBefore(end)) {
            return new RollupSource(from, hoursFrom, hoursTo, hoursTo, hoursTo, to, end, end, zone);
        }
        return new RollupSource(from, hoursFrom, first.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(), hoursTo, to,
                first, end, zone);
    }

    /**
     * Refuses a period whose partial edge hours lie before {@code oldestDetail} (UTC day): their
     * detail was dropped after the ledger's retention, so only whole hours are known there.
     */
    public RollupSource requireDetailFrom(LocalDate oldestDetail) {
        if (from.isBefore(hoursFrom) && utcDay(from).isBefore(oldestDetail)) {
            throw notExact("from", from);
        }
        if (hoursTo.isBefore(to) && utcDay(hoursTo).isBefore(oldestDetail)) {
            throw notExact("to", to);
        }
        return this;
    }

    private static ProblemException notExact(String field, Instant at) {
        return ProblemException.field(ErrorCode.PERIOD_NOT_EXACT, field, "the ledger's detail of " + at.truncatedTo(ChronoUnit.HOURS)
                + " was dropped after its retention, so only whole hours can be reported there; give " + field + " on a whole hour");
    }

    /** A tuple holding this source's parameters; append the query's own after them. */
    public Tuple bind() {
        return Tuple.tuple().addOffsetDateTime(utc(hoursFrom)).addOffsetDateTime(utc(daysFrom))
                .addOffsetDateTime(utc(daysTo)).addOffsetDateTime(utc(hoursTo))
                .addLocalDate(firstDay).addLocalDate(endDay).addString(zone.getId())
                .addOffsetDateTime(utc(from)).addOffsetDateTime(utc(to))
                .addLocalDate(utcDay(from)).addLocalDate(utcDay(hoursTo));
    }

    /** The placeholder of a query's own {@code n}th parameter (0-based) after this source's. */
    public static String param(int n) {
        return "$" + (NEXT_PARAMETER + n);
    }

    /** The {@code local} value of an instant, for comparisons in a query. */
    public LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}

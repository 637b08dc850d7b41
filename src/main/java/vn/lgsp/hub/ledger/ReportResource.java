package vn.lgsp.hub.ledger;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operators' transaction reports, computed from the hourly rollups so they stay fast however
 * large the ledger grows. Every report is JSON, or CSV with {@code format=csv} (or
 * {@code Accept: text/csv}). Role: operator (and admin).
 */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/api/v1/reports")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@Tag(name = "Reports", description = "Transaction volume, errors and latency for operators")
public class ReportResource {

    private static final Map<String, String> GROUPS = Map.of(
            "provider", "provider_code", "consumer", "consumer_code", "service", "service_code", "status", "status_class");
    private static final Set<String> INTERVALS = Set.of("hour", "day", "month", "none");

    @Inject
    Pool pool;
    @Inject
    ReportConfig config;
    @Inject
    LedgerConfig ledger;
    @Inject
    TransactionTotals totals;

    @GET
    @Path("volume")
    @Operation(summary = "Transaction volume over a period, grouped by provider/consumer/service/status and by hour/day/month")
    public Uni<Response> volume(@QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("groupBy") String groupBy, @QueryParam("interval") String interval,
                                @QueryParam("includeImported") String includeImported,
                                @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        ReportPeriod period = ReportPeriod.parse(from, to, config.timeZone());
        List<String> groups = groups(groupBy);
        String every = interval == null || interval.isBlank() ? "day" : interval;
        if (!INTERVALS.contains(every)) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "interval", "interval must be one of " + INTERVALS);
        }
        boolean imported = includeImported == null || !includeImported.equalsIgnoreCase("false");
        List<String> select = new ArrayList<>();
        List<String> keyList = new ArrayList<>();
        if (!every.equals("none")) {
            // Grouped on the truncated time and formatted once per group, not once per rollup row.
            String truncated = "date_trunc('" + every + "', local)";
            select.add("to_char(" + truncated + ", '"
                    + (every.equals("hour") ? "YYYY-MM-DD\"T\"HH24:00" : every.equals("day") ? "YYYY-MM-DD" : "YYYY-MM") + "') AS period");
            keyList.add(truncated);
        }
        groups.forEach(g -> {
            select.add(GROUPS.get(g) + " AS " + g);
            keyList.add(GROUPS.get(g));
        });
        String keys = String.join(", ", keyList);
        String sql = "SELECT " + (select.isEmpty() ? "" : String.join(", ", select) + ", ")
                + "sum(transactions) AS transactions, sum(failures) AS failures, sum(duration_us_sum) AS duration_sum, "
                + "sum(transactions) FILTER (WHERE NOT imported) AS measured, sum(request_bytes) AS request_bytes, "
                + "sum(response_bytes) AS response_bytes FROM " + RollupSource.SQL
                + (imported ? "" : " WHERE NOT imported")
                + (keys.isEmpty() ? "" : " GROUP BY " + keys + " ORDER BY " + keys) + " LIMIT " + config.maxRows();
        List<String> columns = new ArrayList<>();
        if (!every.equals("none")) {
            columns.add("period");
        }
        columns.addAll(groups);
        columns.addAll(List.of("transactions", "failures", "errorRate", "avgDurationMs", "requestBytes", "responseBytes"));
        RollupSource source = source(period, every.equals("hour"));
        return pool.preparedQuery(sql).execute(source.bind())
                .map(rows -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    long total = 0;
                    long failures = 0;
                    for (Row row : rows) {
                        if (row.getLong("transactions") == null) {
                            continue; // an ungrouped total over no rows
                        }
                        Map<String, Object> r = new LinkedHashMap<>();
                        for (String c : columns.subList(0, columns.size() - 6)) {
                            Object v = row.getValue(c);
                            r.put(c, c.equals("status") ? statusLabel(((Number) v).intValue()) : v);
                        }
                        long n = row.getLong("transactions");
                        long f = row.getLong("failures");
                        Long measured = row.getLong("measured");
                        r.put("transactions", n);
                        r.put("failures", f);
                        r.put("errorRate", n == 0 ? 0.0 : round(f / (double) n));
                        r.put("avgDurationMs", measured == null || measured == 0 ? null : round(row.getLong("duration_sum") / 1000.0 / measured));
                        r.put("requestBytes", row.getLong("request_bytes"));
                        r.put("responseBytes", row.getLong("response_bytes"));
                        out.add(r);
                        total += n;
                        failures += f;
                    }
                    if (wantsCsv(format, accept)) {
                        return Csv.of("lgsp-volume.csv", columns, out);
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("from", period.from());
                    body.put("to", period.to());
                    body.put("timeZone", config.timeZone().getId());
                    body.put("interval", every);
                    body.put("groupBy", groups);
                    body.put("totals", Map.of("transactions", total, "failures", failures));
                    body.put("rows", out);
                    return Response.ok(body, MediaType.APPLICATION_JSON).build();
                });
    }

    @GET
    @Path("top-services")
    @Operation(summary = "The most used services over a period")
    public Uni<Response> topServices(@QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("limit") String limit, @QueryParam("format") String format,
                                     @HeaderParam("Accept") String accept) {
        ReportPeriod period = ReportPeriod.parse(from, to, config.timeZone());
        int n = bounded("limit", limit, 10, 1, 1000);
        String sql = "SELECT provider_code AS provider, service_code AS service, sum(transactions) AS transactions, "
                + "sum(failures) AS failures FROM " + RollupSource.SQL + " WHERE NOT imported "
                + "GROUP BY provider_code, service_code ORDER BY sum(transactions) DESC, provider_code, service_code LIMIT "
                + RollupSource.param(0);
        RollupSource source = source(period, false);
        return pool.preparedQuery(sql).execute(source.bind().addInteger(n))
                .map(rows -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Row row : rows) {
                        long t = row.getLong("transactions");
                        long f = row.getLong("failures");
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("provider", row.getString("provider"));
                        r.put("service", row.getString("service"));
                        r.put("transactions", t);
                        r.put("failures", f);
                        r.put("errorRate", t == 0 ? 0.0 : round(f / (double) t));
                        out.add(r);
                    }
                    return respond("lgsp-top-services.csv", List.of("provider", "service", "transactions", "failures", "errorRate"),
                            out, format, accept);
                });
    }

    @GET
    @Path("latency")
    @Operation(summary = "Latency percentiles (p50/p95/p99) per service over a period, from power-of-two histograms")
    public Uni<Response> latency(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("provider") String provider, @QueryParam("format") String format,
                                 @HeaderParam("Accept") String accept) {
        ReportPeriod period = ReportPeriod.parse(from, to, config.timeZone());
        String sql = "SELECT provider_code, service_code, sum(transactions) AS n, sum(duration_us_sum) AS total, "
                + "max(duration_us_max) AS max, " + RollupSource.BUCKET_SUMS + " AS buckets FROM " + RollupSource.SQL
                + " WHERE NOT imported AND (" + RollupSource.param(0) + "::text IS NULL OR provider_code = " + RollupSource.param(0) + ") "
                + "GROUP BY provider_code, service_code ORDER BY provider_code, service_code";
        RollupSource source = source(period, false);
        return pool.preparedQuery(sql).execute(source.bind().addString(provider))
                .map(rows -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Row row : rows) {
                        long[] buckets = Arrays.stream(row.getArrayOfLongs("buckets")).mapToLong(v -> v == null ? 0 : v).toArray();
                        long n = row.getLong("n");
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("provider", row.getString("provider_code"));
                        r.put("service", row.getString("service_code"));
                        r.put("transactions", n);
                        r.put("avgMs", n == 0 ? null : round(row.getLong("total") / 1000.0 / n));
                        Long max = row.getLong("max");
                        r.put("p50Ms", LatencyHistogram.percentileMillis(buckets, 0.50, max));
                        r.put("p95Ms", LatencyHistogram.percentileMillis(buckets, 0.95, max));
                        r.put("p99Ms", LatencyHistogram.percentileMillis(buckets, 0.99, max));
                        r.put("maxMs", round(row.getLong("max") / 1000.0));
                        out.add(r);
                    }
                    return respond("lgsp-latency.csv", List.of("provider", "service", "transactions", "avgMs", "p50Ms", "p95Ms", "p99Ms", "maxMs"),
                            out, format, accept);
                });
    }

    @GET
    @Path("totals")
    @Operation(summary = "Transactions today, this month and since the start (imported history included)")
    public Uni<Map<String, Object>> totals() {
        return totals.totals();
    }

    static List<String> groups(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return List.of();
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String g : groupBy.split(",")) {
            String name = g.trim();
            if (!GROUPS.containsKey(name)) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "groupBy", "groupBy takes provider, consumer, service, status");
            }
            groups.add(name);
        }
        return List.copyOf(groups);
    }

    static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            if (!format.equals("csv") && !format.equals("json")) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "format", "format is json or csv");
            }
            return format.equals("csv");
        }
        return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    }

    static Response respond(String file, List<String> columns, List<Map<String, Object>> rows, String format, String accept) {
        return wantsCsv(format, accept) ? Csv.of(file, columns, rows) : Response.ok(Map.of("rows", rows), MediaType.APPLICATION_JSON).build();
    }

    /** The rows of the period, refusing one whose partial edge hours are older than the ledger's detail. */
    private RollupSource source(ReportPeriod period, boolean hourly) {
        return RollupSource.of(period.from(), period.to(), config.timeZone(), hourly)
                .requireDetailFrom(LocalDate.now(ZoneOffset.UTC).minusDays(ledger.retention().toDays()));
    }

    static int bounded(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " must be a whole number from " + min + " to " + max);
    }

    private static String statusLabel(int statusClass) {
        return statusClass == 0 ? "imported" : statusClass + "xx";
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}

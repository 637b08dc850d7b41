package vn.lgsp.hub.ledger;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger's detail (transaction search) and the import of historical totals. Roles: operator
 * reads; admin imports.
 */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/api/v1")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@Tag(name = "Ledger", description = "Transaction search and historical totals")
public class LedgerResource {

    private static final List<String> COLUMNS = List.of("transactionId", "receivedAt", "consumer", "provider", "service",
            "serviceVersion", "connectorType", "method", "pathPattern", "statusCode", "success", "errorCode", "fault",
            "durationMs", "requestBytes", "responseBytes", "requestSha256", "responseSha256", "hubInstance");

    @Inject
    Pool pool;
    @Inject
    ReportConfig config;

    @GET
    @Path("transactions")
    @Operation(summary = "Search transactions by period, consumer, provider, service, status or transaction id (newest first)")
    public Uni<Response> search(@QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("consumer") String consumer, @QueryParam("provider") String provider,
                                @QueryParam("service") String service, @QueryParam("status") String status,
                                @QueryParam("transactionId") String transactionId, @QueryParam("page") String page,
                                @QueryParam("size") String size, @QueryParam("format") String format,
                                @HeaderParam("Accept") String accept) {
        ReportPeriod period = ReportPeriod.parse(from, to, config.timeZone());
        int pageNo = ReportResource.bounded("page", page, 1, 1, 100_000);
        int pageSize = ReportResource.bounded("size", size, 50, 1, 1000);
        List<Object> params = new ArrayList<>(List.of(
                LocalDate.ofInstant(period.from(), ZoneOffset.UTC), LocalDate.ofInstant(period.to(), ZoneOffset.UTC),
                period.from().atOffset(ZoneOffset.UTC), period.to().atOffset(ZoneOffset.UTC)));
        StringBuilder where = new StringBuilder("received_day >= $1 AND received_day <= $2 AND received_at >= $3 AND received_at < $4");
        filter(where, params, "consumer_code", code("consumer", consumer));
        filter(where, params, "provider_code", code("provider", provider));
        filter(where, params, "service_code", code("service", service));
        if (transactionId != null && !transactionId.isBlank()) {
            if (transactionId.length() > 64 || !transactionId.matches("[A-Za-z0-9._:-]+")) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "transactionId", "not a transaction id");
            }
            filter(where, params, "transaction_id", transactionId);
        }
        if (status != null && !status.isBlank()) {
            if (status.matches("[1-5]xx")) {
                params.add((status.charAt(0) - '0') * 100);
                where.append(" AND status_code >= $").append(params.size()).append(" AND status_code < $").append(params.size()).append(" + 100");
            } else if (status.matches("[1-5][0-9]{2}")) {
                filter(where, params, "status_code", Integer.parseInt(status));
            } else if (status.equals("failed") || status.equals("succeeded")) {
                params.add(status.equals("succeeded"));
                where.append(" AND success = $").append(params.size());
            } else {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "status", "status is a code (404), a class (5xx), succeeded or failed");
            }
        }
        params.add(pageSize + 1);
        params.add((pageNo - 1) * pageSize);
        String sql = "SELECT * FROM ledger_entry WHERE " + where + " ORDER BY received_at DESC, transaction_id LIMIT $"
                + (params.size() - 1) + " OFFSET $" + params.size();
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Row row : rows) {
                if (items.size() == pageSize) {
                    break;
                }
                items.add(map(row));
            }
            boolean more = rows.size() > pageSize;
            if (ReportResource.wantsCsv(format, accept)) {
                return Csv.of("lgsp-transactions.csv", COLUMNS, items);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", items);
            body.put("page", pageNo);
            body.put("size", pageSize);
            body.put("hasMore", more);
            return Response.ok(body, MediaType.APPLICATION_JSON).build();
        });
    }

    @POST
    @Path("ledger/imports")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a provider's historical totals (before the hub) into the rollups, marked as imported")
    public Uni<Response> importTotals(ImportInput input) {
        if (input == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        FieldChecks checks = new FieldChecks();
        input.check(checks);
        checks.throwIfAny();
        UUID id = UUID.randomUUID();
        long failures = input.failures() == null ? 0 : input.failures();
        Instant hour = input.from().toInstant().truncatedTo(ChronoUnit.HOURS);
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO ledger_import (id, provider_code, period_start, period_end, "
                                + "transactions, failures, note, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())")
                        .execute(Tuple.tuple().addUUID(id).addString(input.provider()).addOffsetDateTime(input.from())
                                .addOffsetDateTime(input.to()).addLong(input.transactions()).addLong(failures).addString(input.note()))
                        .flatMap(done -> addImported(tx, "ledger_hourly", "hour", hour.atOffset(ZoneOffset.UTC), input, failures))
                        .flatMap(done -> addImported(tx, "ledger_daily", "day", LocalDate.ofInstant(hour, config.timeZone()), input,
                                failures)))
                .map(done -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", id);
                    body.put("provider", input.provider());
                    body.put("from", input.from());
                    body.put("to", input.to());
                    body.put("transactions", input.transactions());
                    body.put("failures", failures);
                    body.put("note", input.note());
                    return Response.status(201).entity(body).type(MediaType.APPLICATION_JSON).build();
                });
    }

    private static void filter(StringBuilder where, List<Object> params, String column, Object value) {
        if (value != null) {
            params.add(value);
            where.append(" AND ").append(column).append(" = $").append(params.size());
        }
    }

    private static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 63 || !FieldChecks.SLUG.matcher(value).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " is not a valid code");
        }
        return value;
    }

    private static Map<String, Object> map(Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transactionId", row.getString("transaction_id"));
        m.put("receivedAt", row.getOffsetDateTime("received_at"));
        m.put("consumer", row.getString("consumer_code"));
        m.put("provider", row.getString("provider_code"));
        m.put("service", row.getString("service_code"));
        m.put("serviceVersion", row.getString("service_version"));
        m.put("connectorType", row.getString("connector_type"));
        m.put("method", row.getString("http_method"));
        m.put("pathPattern", row.getString("path_pattern"));
        m.put("statusCode", row.getInteger("status_code"));
        m.put("success", row.getBoolean("success"));
        m.put("errorCode", row.getString("error_code"));
        m.put("fault", row.getString("fault"));
        m.put("durationMs", ReportResource.round(row.getLong("duration_us") / 1000.0));
        m.put("requestBytes", row.getLong("request_bytes"));
        m.put("responseBytes", row.getLong("response_bytes"));
        m.put("requestSha256", row.getString("request_sha256"));
        m.put("responseSha256", row.getString("response_sha256"));
        m.put("hubInstance", row.getString("hub_instance"));
        return m;
    }

    /** Imported totals sit in the rollups at the hour (and day) their period starts, with no consumer or status breakdown. */
    private static Uni<RowSet<Row>> addImported(SqlConnection tx, String table, String periodColumn, Object period, ImportInput input,
                                                long failures) {
        return tx.preparedQuery("INSERT INTO " + table + " (" + periodColumn + ", provider_code, consumer_code, service_code, "
                        + "status_class, imported, transactions, failures, duration_us_sum, duration_us_max, request_bytes, "
                        + "response_bytes, latency_buckets) VALUES ($1, $2, '', '', 0, true, $3, $4, 0, 0, 0, 0, '{}') "
                        + "ON CONFLICT (" + periodColumn + ", provider_code, consumer_code, service_code, status_class, imported, slot) "
                        + "DO UPDATE SET transactions = " + table + ".transactions + EXCLUDED.transactions, "
                        + "failures = " + table + ".failures + EXCLUDED.failures")
                .execute(Tuple.of(period, input.provider(), input.transactions(), failures));
    }
}

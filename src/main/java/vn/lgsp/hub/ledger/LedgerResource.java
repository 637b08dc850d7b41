package vn.lgsp.hub.ledger;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger's detail (transaction search, shared with the console through {@link TransactionSearch})
 * and the import of historical totals. Roles: operator reads; admin imports.
 */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/api/v1")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@Tag(name = "Ledger", description = "Transaction search and historical totals")
public class LedgerResource {

    @Inject
    Pool pool;
    @Inject
    TransactionSearch transactions;
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
        int pageNo = ReportResource.bounded("page", page, 1, 1, 100_000);
        int pageSize = ReportResource.bounded("size", size, 50, 1, 1000);
        boolean csv = ReportResource.wantsCsv(format, accept);
        return transactions.search(new TransactionSearch.Criteria(from, to, consumer, provider, service, status, transactionId,
                pageNo, pageSize)).map(result -> {
            if (csv) {
                return TransactionSearch.csv(result);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", result.items());
            body.put("page", result.page());
            body.put("size", result.size());
            body.put("hasMore", result.hasMore());
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

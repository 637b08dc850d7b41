package vn.lgsp.hub.ledger;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.identity.Caller;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's detail (transaction search, shared with the console through {@link TransactionSearch})
 * and the historical imports ({@link HistoricalImports}). Roles: operator reads; admin imports and withdraws.
 */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/api/v1")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@Tag(name = "Ledger", description = "Transaction search and historical totals")
public class LedgerResource {

    @Inject
    TransactionSearch transactions;
    @Inject
    HistoricalImports imports;
    @Inject
    Caller caller;

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
    @Operation(summary = "Import a provider's historical totals (before the hub) into the rollups, marked as imported; "
            + "201 when created, 200 when the same import was sent again under its importId")
    public Uni<Response> importTotals(ImportInput input) {
        if (input == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        FieldChecks checks = new FieldChecks();
        input.check(checks);
        checks.throwIfAny();
        return imports.add(input, caller.name()).map(outcome -> Response.status(outcome.created() ? 201 : 200)
                .location(URI.create("/api/v1/ledger/imports/" + outcome.value().id()))
                .entity(outcome.value()).type(MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("ledger/imports")
    @Operation(summary = "Historical imports, newest first (withdrawn=true to include withdrawn ones)")
    public Uni<List<HistoricalImports.Import>> imports(@QueryParam("provider") String provider,
                                                       @QueryParam("withdrawn") String withdrawn,
                                                       @QueryParam("size") String size) {
        return imports.list(provider == null || provider.isBlank() ? null : provider.trim(), "true".equalsIgnoreCase(withdrawn),
                ReportResource.bounded("size", size, 100, 1, 1000));
    }

    @GET
    @Path("ledger/imports/{id}")
    @Operation(summary = "One historical import")
    public Uni<HistoricalImports.Import> importById(@PathParam("id") String id) {
        return imports.get(importId(id));
    }

    @POST
    @Path("ledger/imports/{id}/withdraw")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Withdraw a historical import: it stays listed, marked, and its totals leave every report (audited)")
    public Uni<HistoricalImports.Import> withdraw(@PathParam("id") String id, WithdrawInput input) {
        String reason = input == null ? null : input.reason();
        FieldChecks checks = new FieldChecks();
        checks.optionalText("reason", reason, 1000);
        checks.throwIfAny();
        return imports.withdraw(importId(id), reason, caller.name());
    }

    /** Why an import is withdrawn, kept with it and in the audit trail. */
    public record WithdrawInput(String reason) {
    }

    private static String importId(String id) {
        if (id == null || !ImportInput.IMPORT_ID.matcher(id).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "id", "an import id is 1-100 letters, digits or . _ : -");
        }
        return id;
    }
}

package vn.lgsp.hub.connection;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.ledger.Csv;
import vn.lgsp.hub.ledger.ReportConfig;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which of the catalogue's systems are connected, from evidence: JSON, or CSV with
 * {@code format=csv} (or {@code Accept: text/csv}); {@code at=YYYY-MM-DD} for the status at the
 * end of a past day. Role: operator (and admin).
 */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/api/v1/reports/connections")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
@Tag(name = "Connection report", description = "Which listed systems are connected, proven by probes and traffic")
public class ConnectionReportResource {

    private static final Pattern CATALOGUE_ID = Pattern.compile("^[A-Z][0-9]{2,4}$");

    @Inject
    ConnectionReports reports;
    @Inject
    ReportConfig reportConfig;
    @Inject
    Pool pool;

    @GET
    @Operation(summary = "The connection report: status of every catalogue entry, totals by scope, unlisted systems")
    public Uni<Response> report(@QueryParam("at") String at, @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        boolean csv = wantsCsv(format, accept);
        LocalDate day = day(at, reportConfig.timeZone());
        return (day == null ? reports.live() : reports.at(day)).map(report -> csv
                ? ConnectionReportCsv.download("lgsp-connections" + (day == null ? "" : "-" + day) + ".csv", report, reportConfig.timeZone())
                : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("{catalogueId}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every status a catalogue entry has had, oldest first: when it became connected, degraded, ...")
    public Uni<Map<String, Object>> history(@PathParam("catalogueId") String catalogueId) {
        if (catalogueId == null || !CATALOGUE_ID.matcher(catalogueId).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "catalogueId", "a catalogue id looks like C01 or P12");
        }
        return pool.preparedQuery("SELECT id FROM catalogue_entry WHERE id = $1").execute(Tuple.of(catalogueId)).flatMap(found -> {
            if (found.size() == 0) {
                throw ProblemException.field(ErrorCode.CATALOGUE_ENTRY_NOT_FOUND, "catalogueId", "no catalogue entry has this id");
            }
            return pool.preparedQuery("SELECT system_code, status, since, until, cause, cause_since FROM connection_status_history "
                    + "WHERE catalogue_id = $1 ORDER BY since, id").execute(Tuple.of(catalogueId));
        }).map(rows -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Row row : rows) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("status", row.getString("status"));
                item.put("since", row.getOffsetDateTime("since"));
                item.put("until", row.getOffsetDateTime("until"));
                item.put("systemCode", row.getString("system_code"));
                item.put("cause", row.getString("cause"));
                item.put("causeSince", row.getOffsetDateTime("cause_since"));
                items.add(item);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("catalogueId", catalogueId);
            body.put("items", items);
            return body;
        });
    }

    static LocalDate day(String at, ZoneId zone) {
        if (at == null || at.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(at.trim());
            if (day.isAfter(LocalDate.now(zone)) || day.getYear() < 2000) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "at", "at must be a past date (or today), from 2000 on");
            }
            return day;
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "at", "at must be a date like 2026-06-30");
        }
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
}

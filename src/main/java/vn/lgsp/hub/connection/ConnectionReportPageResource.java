package vn.lgsp.hub.connection;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.ledger.ReportConfig;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.LocalDate;

/**
 * The connection report as a printable HTML page, Vietnamese by default ({@code lang=en} for
 * English), for the province's quarterly report. Role: operator (and admin).
 */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Path("/api/v1/reports/connections.html")
@Tag(name = "Connection report")
public class ConnectionReportPageResource {

    @Inject
    ConnectionReports reports;
    @Inject
    ReportConfig reportConfig;

    @GET
    @Produces("text/html")
    @Operation(summary = "The connection report as a printable page (lang=vi|en, at=YYYY-MM-DD)")
    public Uni<Response> page(@QueryParam("lang") String lang, @QueryParam("at") String at) {
        boolean vietnamese = lang == null || lang.isBlank() || lang.equals("vi");
        if (!vietnamese && !lang.equals("en")) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "lang", "lang is vi or en");
        }
        LocalDate day = ConnectionReportResource.day(at, reportConfig.timeZone());
        ReportPage page = new ReportPage(vietnamese, reportConfig.timeZone());
        return (day == null ? reports.live() : reports.at(day))
                .map(report -> Response.ok(page.render(report), "text/html; charset=utf-8")
                        .header("Content-Language", vietnamese ? "vi" : "en").build());
    }
}

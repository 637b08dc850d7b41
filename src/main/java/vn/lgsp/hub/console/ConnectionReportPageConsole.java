package vn.lgsp.hub.console;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.lgsp.hub.connection.ConnectionReportCsv;
import vn.lgsp.hub.connection.ConnectionReports;
import vn.lgsp.hub.connection.ReportPage;
import vn.lgsp.hub.ledger.ReportConfig;

/**
 * The connection report inside the console, for operators signed in with a browser (the API's
 * report needs a bearer token): the printable page, per-scope tallies and unlisted systems
 * included, in the viewer's language, and the same report as CSV.
 */
// The console guards every page itself (ConsoleAccess).
@PermitAll
@Path("/console/connection-report")
public class ConnectionReportPageConsole {

    @Inject
    ConsoleAccess access;
    @Inject
    ConnectionReports reports;
    @Inject
    ReportConfig config;

    @GET
    @Produces("text/html")
    @Operation(hidden = true)
    public Uni<Response> page(@Context HttpServerRequest request) {
        ConsoleView view = access.watcher(request, "connections");
        ReportPage page = new ReportPage(!view.english(), config.timeZone());
        return reports.live().map(report -> Response.ok(page.render(report), "text/html; charset=utf-8")
                .header("Content-Language", view.english() ? "en" : "vi")
                .header("Content-Security-Policy", ReportPage.contentSecurityPolicy()).build());
    }

    @GET
    @Path("csv")
    @Produces("text/csv")
    @Operation(hidden = true)
    public Uni<Response> csv(@Context HttpServerRequest request) {
        access.watcher(request, "connections");
        return reports.live().map(report -> ConnectionReportCsv.download("lgsp-connections.csv", report, config.timeZone()));
    }
}

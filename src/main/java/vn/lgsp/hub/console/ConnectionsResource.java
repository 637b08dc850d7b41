package vn.lgsp.hub.console;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

/** The listed systems' connection table (operators, admins) and each system's page (also its owner). */
// The console guards every page itself (ConsoleAccess) and acts through the API's services, whose checks apply too.
@PermitAll
@Path("/console/connections")
@Produces(MediaType.TEXT_HTML)
public class ConnectionsResource {

    @Inject
    ConsoleAccess access;
    @Inject
    ConnectionQueries queries;

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> table(@Context HttpServerRequest request, @QueryParam("scope") String scope,
                                       @QueryParam("status") String status, @QueryParam("sort") String sort,
                                       @QueryParam("dir") String dir) {
        ConsoleView view = access.watcher(request, "connections");
        return queries.listed().map(rows -> ConsolePages.connections(view,
                ConnectionTable.of(rows, scope, status, sort, dir, view.english())).setAttribute("locale", view.locale()));
    }

    @GET
    @Path("{code}")
    @Operation(hidden = true)
    public Uni<TemplateInstance> system(@Context HttpServerRequest request, @PathParam("code") String code,
                                        @QueryParam("from") String from, @QueryParam("to") String to) {
        ConsoleView view = access.signedIn(request, "connections");
        ConsolePeriod.Picked picked = queries.period(from, to);
        return queries.system(slug(code)).flatMap(system -> {
            ConsoleAccess.requireViewer(view, system.ownerOrg());
            return queries.detail(system, picked.period());
        }).map(detail -> ConsolePages.system(view, detail, view.user().owns(detail.system().ownerOrg()), picked.notice())
                .setAttribute("locale", view.locale()));
    }

    static String slug(String code) {
        if (code == null || code.length() > 63 || !FieldChecks.SLUG.matcher(code).matches()) {
            throw ProblemException.field(ErrorCode.SYSTEM_NOT_FOUND, "code", "no system has this code");
        }
        return code;
    }
}

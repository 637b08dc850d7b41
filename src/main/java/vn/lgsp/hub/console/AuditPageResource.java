package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.lgsp.hub.audit.AuditSearch;
import vn.lgsp.hub.ledger.ReportConfig;
import vn.lgsp.hub.problem.ProblemException;

import java.util.List;

/**
 * The audit trail for operators and admins, filtered by actor, action, outcome, system and days:
 * the API's own query ({@code GET /api/v1/audit}, {@link AuditSearch}) as the signed-in user, newest first.
 */
// The console guards every page itself (ConsoleAccess) and acts through the API's services, whose checks apply too.
@PermitAll
@Path("/console/audit")
public class AuditPageResource {

    @Inject
    ConsoleAccess access;
    @Inject
    AuditSearch audit;
    @Inject
    ConsoleConfig config;
    @Inject
    ReportConfig reports;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<TemplateInstance> page(@Context HttpServerRequest request, @QueryParam("actor") String actor,
                                      @QueryParam("action") String action, @QueryParam("outcome") String outcome,
                                      @QueryParam("system") String system, @QueryParam("from") String from,
                                      @QueryParam("to") String to, @QueryParam("page") String page) {
        ConsoleView view = access.watcher(request, "audit");
        AuditQuery q = AuditQuery.of(actor, action, outcome, system, from, to, page);
        return Uni.createFrom().deferred(() -> audit.search(q.system(), q.actor(), q.action(), q.outcome(), q.fromInstant(reports.timeZone()),
                        q.toInstant(reports.timeZone()), Integer.toString(q.page()), Integer.toString(config.pageSize())))
                .map(result -> ConsolePages.audit(view, q, result.items(), (long) result.page() * result.size() < result.total(),
                        Notice.NONE))
                .onFailure(ProblemException.class).recoverWithItem(e -> ConsolePages.audit(view, q, List.of(), false,
                        Notice.of((ProblemException) e)))
                .map(rendered -> rendered.setAttribute("locale", view.locale()));
    }
}

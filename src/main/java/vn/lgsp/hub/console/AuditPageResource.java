package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.lgsp.hub.api.Page;
import vn.lgsp.hub.audit.AuditEntry;
import vn.lgsp.hub.audit.AuditSearch;
import vn.lgsp.hub.ledger.Csv;
import vn.lgsp.hub.ledger.ReportConfig;
import vn.lgsp.hub.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
                                      @QueryParam("to") String to, @QueryParam("transactionId") String transactionId,
                                      @QueryParam("page") String page) {
        ConsoleView view = access.watcher(request, "audit");
        AuditQuery q = AuditQuery.of(actor, action, outcome, system, from, to, transactionId, page);
        return Uni.createFrom().deferred(() -> search(q, q.page(), config.pageSize()))
                .map(result -> ConsolePages.audit(view, q, result.items(), (long) result.page() * result.size() < result.total(),
                        ResultCount.of(result.page(), result.size(), result.items().size(), result.total(), false), Notice.NONE))
                .onFailure(ProblemException.class).recoverWithItem(e -> ConsolePages.audit(view, q, List.of(), false,
                        ResultCount.NONE, Notice.of((ProblemException) e)))
                .map(rendered -> rendered.setAttribute("locale", view.locale()));
    }

    /** The same search as CSV for Excel: headers in the viewer's language, times as read in Vietnam. */
    @GET
    @Path("export")
    @Produces("text/csv")
    @Operation(hidden = true)
    public Uni<Response> export(@Context HttpServerRequest request, @QueryParam("actor") String actor,
                                @QueryParam("action") String action, @QueryParam("outcome") String outcome,
                                @QueryParam("system") String system, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("transactionId") String transactionId) {
        ConsoleView view = access.watcher(request, "audit");
        AuditQuery q = AuditQuery.of(actor, action, outcome, system, from, to, transactionId, "1");
        ConsoleMessages msg = MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(view.english() ? "en" : "vi"));
        List<String> columns = List.of("time", "actor", "roles", "action", "outcome", "system", "target", "transactionId");
        List<String> headers = List.of(msg.col_time(), msg.col_actor(), msg.col_roles(), msg.col_action(), msg.col_outcome(),
                msg.col_system(), msg.col_target(), msg.col_transaction());
        return Uni.createFrom().deferred(() -> collect(q, 1, new ArrayList<>())).map(entries -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (AuditEntry e : entries) {
                Map<String, Object> row = new HashMap<>();
                row.put("time", view.fmt().dateTime(e.occurredAt()));
                row.put("actor", e.actor());
                row.put("roles", e.actorRoles());
                row.put("action", e.action());
                row.put("outcome", msg.audit_outcome(e.outcome()));
                row.put("system", e.systemCode());
                row.put("target", e.target());
                row.put("transactionId", e.transactionId());
                rows.add(row);
            }
            return Csv.of("lgsp-audit.csv", columns, headers, rows);
        });
    }

    /** Rows one export holds at most (the newest of the search), read a page of the API's largest size at a time. */
    static final int EXPORT_ROWS = 10_000;
    private static final int EXPORT_PAGE = 200;

    private Uni<List<AuditEntry>> collect(AuditQuery q, int page, List<AuditEntry> into) {
        return search(q, page, EXPORT_PAGE).flatMap(result -> {
            into.addAll(result.items());
            boolean more = (long) page * EXPORT_PAGE < result.total() && into.size() < EXPORT_ROWS;
            return more ? collect(q, page + 1, into) : Uni.createFrom().item(into);
        });
    }

    private Uni<Page<AuditEntry>> search(AuditQuery q, int page, int size) {
        return audit.search(q.system(), q.actor(), q.action(), q.outcome(), q.fromInstant(reports.timeZone()),
                q.toInstant(reports.timeZone()), q.transactionId(), Integer.toString(page), Integer.toString(size));
    }
}

package vn.lgsp.hub.console;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.lgsp.hub.ledger.TransactionSearch;
import vn.lgsp.hub.problem.ProblemException;

import java.util.List;

/**
 * Transaction search for operators: the same query as {@code GET /api/v1/transactions} (the
 * shared {@link TransactionSearch}), as a page with a form, paging and a CSV export.
 */
// The console guards every page itself (ConsoleAccess) and acts through the API's services, whose checks apply too.
@PermitAll
@Path("/console/traffic")
public class TrafficResource {

    /** Most rows one CSV export holds (the API pages beyond that). */
    static final int EXPORT_ROWS = 1000;

    @Inject
    ConsoleAccess access;
    @Inject
    TransactionSearch search;
    @Inject
    ConsoleConfig config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<TemplateInstance> page(@Context HttpServerRequest request, @QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("consumer") String consumer, @QueryParam("provider") String provider,
                                      @QueryParam("service") String service, @QueryParam("status") String status,
                                      @QueryParam("transactionId") String transactionId, @QueryParam("page") String page) {
        ConsoleView view = access.watcher(request, "traffic");
        TrafficQuery q = TrafficQuery.of(from, to, consumer, provider, service, status, transactionId, page);
        return Uni.createFrom().deferred(() -> search.search(criteria(q, config.pageSize())))
                .map(result -> ConsolePages.traffic(view, q, result.items().stream().map(TxRow::of).toList(), result.hasMore(),
                        Notice.NONE))
                .onFailure(ProblemException.class).recoverWithItem(e -> ConsolePages.traffic(view, q, List.of(), false,
                        Notice.of((ProblemException) e)))
                .map(page1 -> page1.setAttribute("locale", view.locale()));
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @Operation(hidden = true)
    public Uni<Response> export(@Context HttpServerRequest request, @QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("consumer") String consumer, @QueryParam("provider") String provider,
                                @QueryParam("service") String service, @QueryParam("status") String status,
                                @QueryParam("transactionId") String transactionId, @QueryParam("page") String page) {
        access.watcher(request, "traffic");
        TrafficQuery q = TrafficQuery.of(from, to, consumer, provider, service, status, transactionId, "1");
        return Uni.createFrom().deferred(() -> search.search(criteria(q, EXPORT_ROWS))).map(TransactionSearch::csv);
    }

    private static TransactionSearch.Criteria criteria(TrafficQuery q, int size) {
        return new TransactionSearch.Criteria(q.from(), q.to(), q.consumer(), q.provider(), q.service(), q.status(),
                q.transactionId(), q.page(), size);
    }
}

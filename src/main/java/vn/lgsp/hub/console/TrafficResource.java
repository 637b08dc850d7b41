package vn.lgsp.hub.console;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import vn.lgsp.hub.evidence.EvidenceBundles;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.lgsp.hub.ledger.Csv;
import vn.lgsp.hub.ledger.TransactionSearch;
import vn.lgsp.hub.problem.ProblemException;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    @Inject
    EvidenceBundles evidence;

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
                        ResultCount.of(result.page(), result.size(), result.items().size(), result.matched(), result.matchedCapped()),
                        Notice.NONE))
                .onFailure(ProblemException.class).recoverWithItem(e -> ConsolePages.traffic(view, q, List.of(), false,
                        ResultCount.NONE, Notice.of((ProblemException) e)))
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
        ConsoleView view = access.watcher(request, "traffic");
        TrafficQuery q = TrafficQuery.of(from, to, consumer, provider, service, status, transactionId, "1");
        ConsoleMessages msg = MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(view.english() ? "en" : "vi"));
        List<String> headers = TransactionSearch.COLUMNS.stream().map(msg::csv_transaction_column).toList();
        return Uni.createFrom().deferred(() -> search.search(criteria(q, EXPORT_ROWS))).map(result -> {
            // For Excel on an operator's desk: headers in their language, times as read in Vietnam.
            List<Map<String, Object>> rows = new ArrayList<>(result.items().size());
            for (Map<String, Object> item : result.items()) {
                Map<String, Object> row = new HashMap<>(item);
                row.put("receivedAt", view.fmt().dateTime((OffsetDateTime) item.get("receivedAt")));
                rows.add(row);
            }
            return Csv.of("lgsp-transactions.csv", TransactionSearch.COLUMNS, headers, rows);
        });
    }

    /** The transaction's evidence bundle as a file, as the API gives it; a problem page when there is none yet. */
    @GET
    @Path("{id}/evidence")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> evidence(@Context HttpServerRequest request, @PathParam("id") String id) {
        access.watcher(request, "traffic");
        return evidence.forTransaction(id).map(bundle -> Response.ok(bundle).header("Content-Disposition", EvidenceBundles.attachment(id)).build());
    }

    private static TransactionSearch.Criteria criteria(TrafficQuery q, int size) {
        // "To" is the last day shown, as on every console page; the API's "to" is exclusive.
        return new TransactionSearch.Criteria(ConsoleDates.iso(q.from()), FormText.dayAfter(ConsoleDates.iso(q.to())), q.consumer(), q.provider(), q.service(), q.status(),
                q.transactionId(), q.page(), size);
    }
}

package vn.lgsp.hub.console;

import jakarta.annotation.security.PermitAll;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The overview page and its live feed (operators and admins). */
// The console guards every page itself (ConsoleAccess) and acts through the API's services, whose checks apply too.
@PermitAll
@Path("/console")
public class OverviewResource {

    @Inject
    ConsoleAccess access;
    @Inject
    ConnectionQueries queries;
    @Inject
    LiveVolume live;

    @GET
    @Path("overview")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<TemplateInstance> overview(@Context HttpServerRequest request, @QueryParam("from") String from,
                                          @QueryParam("to") String to) {
        ConsoleView view = access.watcher(request, "overview");
        ConsolePeriod.Picked picked = queries.period(from, to);
        return Uni.combine().all().unis(live.snapshot(), queries.volume(null, picked.period())).asTuple()
                .map(t -> ConsolePages.overview(view, t.getItem1().figures(), new PeriodVolume(picked.period(), t.getItem2()), picked.notice())
                        .setAttribute("locale", view.locale()));
    }

    /**
     * Server-Sent Events: a {@link LiveSnapshot} at once and then every {@code lgsp.console.live-interval},
     * with the page's figures rendered from it in the viewer's language, so the page shows one snapshot.
     */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Multi<LiveUpdate> live(@Context HttpServerRequest request) {
        ConsoleView view = access.watcher(request, "overview");
        return live.feed().map(s -> new LiveUpdate(s, ConsolePages.overview$figures(view, s.figures())
                .setAttribute("locale", view.locale()).render()));
    }

    /** One event of the live feed: the snapshot and the figures' HTML (escaped by Qute like every page). */
    public record LiveUpdate(LiveSnapshot snapshot, String figuresHtml) {
    }

    /** The same snapshot as JSON, for a data-table refresh without SSE and for tests. */
    @GET
    @Path("live/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<LiveSnapshot> snapshot(@Context HttpServerRequest request) {
        access.watcher(request, "overview");
        return live.snapshot();
    }
}

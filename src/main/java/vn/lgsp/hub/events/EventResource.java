package vn.lgsp.hub.events;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.access.CallerIdentification;
import vn.lgsp.hub.exchange.Exchange;
import vn.lgsp.hub.exchange.Road;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;

import java.util.List;

/**
 * Publishing events (the calling system is the provider) and following their deliveries. The
 * caller is identified like on the sharing API.
 */
@RolesAllowed({Roles.INTEGRATOR, Roles.ADMIN})
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "Publish events; follow their delivery to subscribers")
public class EventResource {

    @Inject
    Pool pool;
    @Inject
    CallerIdentification callers;
    @Inject
    EventPublisher publisher;
    @Inject
    DeliveryStore store;
    @Inject
    EventExchanges exchanges;

    @POST
    @Path("{eventType}")
    @Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
    @Operation(summary = "Publish an event of the calling system's event type: {\"id\", \"key\", \"data\"}. "
            + "Answers 201 once the event is durable in Kafka; the same id again answers 200 with the original result")
    public Uni<Response> publish(@PathParam("eventType") String eventType, @QueryParam("version") String version,
                                 @HeaderParam("X-LGSP-Event-Id") String idHeader, @HeaderParam("X-LGSP-Event-Key") String keyHeader,
                                 String body, @Context HttpServerRequest request) {
        String type = EventTypeResource.slug("eventType", eventType);
        if (version != null && !EventTypeInput.VERSION.matcher(version).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "version", "version must look like 1, 1.0 or v1.2.3");
        }
        publisher.checkSize(body);
        String given = TransactionIds.of(request);
        String transactionId = given != null ? given : TransactionIds.mint();
        Exchange exchange = Exchange.on(Road.PUBLISH, transactionId)
                .correlationId(TransactionIds.correlationOf(request))
                .inbound(request)
                .call("POST", request.path(), null)
                .body(null, body == null ? 0 : body.length())
                .routeSource(ex -> publisher.route(ex.consumer(), type, version))
                .terminal(ex -> Future.fromCompletionStage(publisher.publish(ex.consumer(), type, version, idHeader, keyHeader, body,
                        transactionId).subscribeAsCompletionStage(), ex.context())
                        .map(publication -> exchanges.json(ex, publication.duplicate() ? 200 : 201, publication)))
                .build();
        return exchanges.answer(exchange);
    }

    @GET
    @Path("{eventId}/deliveries")
    @Operation(summary = "Delivery status of an event to each subscription: all of them for its provider, its own for a subscriber")
    public Uni<List<Delivery>> deliveries(@PathParam("eventId") String eventId, @Context HttpServerRequest request) {
        if (eventId == null || !EventPublisher.EVENT_ID.matcher(eventId).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "eventId", "not a valid event id");
        }
        return OnContext.await(() -> callers.activeCaller(request)).flatMap(caller -> store.ofEvent(pool, eventId, caller));
    }
}

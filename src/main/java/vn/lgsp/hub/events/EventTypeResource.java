package vn.lgsp.hub.events;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.security.SystemAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.RegistryEvents;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.registry.SystemStatus;

import java.net.URI;
import java.util.List;

/**
 * Event types a provider system declares. Declaring one creates its Kafka topic (partitions and
 * replication from {@code lgsp.events.*}). Role: the system's owners; anyone reads.
 */
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR, Roles.INTEGRATOR})
@Path("/api/v1/systems/{systemCode}/event-types")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Event types", description = "Events a provider system publishes, with the JSON Schema of their data")
public class EventTypeResource {

    @Inject
    SystemAccess access;

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    EventTypes types;
    @Inject
    EventKafka kafka;
    @Inject
    RegistryEvents events;

    @GET
    @Operation(summary = "List the event types a system declares (every version)")
    public Uni<List<EventType>> list(@PathParam("systemCode") String systemCode) {
        String system = slug("systemCode", systemCode);
        return systems.get(pool, system).flatMap(s -> types.list(pool, system));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Every version of one event type, oldest first")
    public Uni<List<EventType>> versions(@PathParam("systemCode") String systemCode, @PathParam("name") String name) {
        String system = slug("systemCode", systemCode);
        String type = slug("name", name);
        return systems.get(pool, system).flatMap(s -> types.versions(pool, system, type)).map(list -> {
            if (list.isEmpty()) {
                throw ProblemException.field(ErrorCode.EVENT_TYPE_NOT_FOUND, "name", "the system declares no such event type");
            }
            return list;
        });
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare an event type version (name, version, JSON Schema of the data, classification)")
    public Uni<Response> declare(@PathParam("systemCode") String systemCode, EventTypeInput input) {
        String system = slug("systemCode", systemCode);
        if (input == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        FieldChecks checks = new FieldChecks();
        input.check(checks);
        if (input.schema() != null && input.schema().isObject()) {
            checks.addAll(PayloadSchemas.check(input.schema()));
        }
        checks.throwIfAny();
        String topic = kafka.topic(system, input.name());
        return systems.get(pool, system)
                .map(s -> {
                    access.requireManage(s.code(), s.ownerOrg(), "event types");
                    if (s.status() == SystemStatus.RETIRED) {
                        throw ProblemException.field(ErrorCode.INVALID_TRANSITION, "systemCode", "a retired system cannot be changed");
                    }
                    return s;
                })
                .flatMap(s -> OnContext.await(() -> kafka.createTopic(topic))
                        .onFailure(f -> !(f instanceof ProblemException)).transform(f -> new ProblemException(ErrorCode.EVENTS_UNAVAILABLE,
                                "the event topic could not be created in Kafka; retry later"))
                        .flatMap(created -> pool.withTransaction(tx -> types.insert(tx, s.id(), system, input, topic)
                                .call(type -> events.record(tx, "event_type.declared", system, type)))))
                .map(type -> {
                    events.committed();
                    return Response.created(URI.create("/api/v1/systems/" + system + "/event-types/" + type.name()))
                            .entity(type).build();
                });
    }

    static String slug(String name, String value) {
        if (value == null || value.length() > 63 || !FieldChecks.SLUG.matcher(value).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " is not a valid code");
        }
        return value;
    }
}

package vn.lgsp.hub.connection;

import jakarta.annotation.security.RolesAllowed;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.security.SystemAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import vn.lgsp.hub.registry.EndpointRecord;
import vn.lgsp.hub.registry.EndpointRepository;
import vn.lgsp.hub.registry.SystemRepository;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The liveness probe an owner registers for an endpoint. Kept beside the endpoint (its own table
 * and path) rather than inside it, so probe settings change without touching the endpoint's
 * version or its live connector. Role: the system's owners (and admins).
 */
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
@Path("/api/v1/systems/{systemCode}/endpoints/{endpointCode}/probe")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Probes", description = "Liveness probes of provider endpoints (evidence for the connection report)")
public class ProbeResource {

    @Inject
    SystemAccess access;

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    EndpointRepository endpoints;
    @Inject
    ProbeRepository probes;
    @Inject
    ConnectionsConfig config;

    @GET
    @Operation(summary = "Read an endpoint's probe settings and last result")
    public Uni<ProbeView> get(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode) {
        return endpoint(systemCode, endpointCode)
                .flatMap(endpoint -> probes.find(pool, endpoint.endpoint().id()))
                .map(found -> {
                    if (found == null) {
                        throw ProblemException.field(ErrorCode.PROBE_NOT_FOUND, "endpointCode", "no probe is registered for this endpoint");
                    }
                    return found;
                });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or replace an endpoint's probe (target, intervalSeconds, timeoutMs)")
    public Uni<ProbeView> put(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode,
                              ProbeSettings input) {
        if (input == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        FieldChecks checks = new FieldChecks();
        input.check(checks, config.minProbeIntervalSeconds());
        checks.throwIfAny();
        Duration interval = Duration.ofSeconds(input.interval());
        Duration first = new ProbeTiming(interval, config.maxBackoff(), config.jitter()).firstDelay(ThreadLocalRandom.current().nextDouble());
        return endpoint(systemCode, endpointCode).flatMap(endpoint -> probes.save(pool, endpoint.endpoint().id(), input, first));
    }

    @DELETE
    @Operation(summary = "Stop probing an endpoint (its past results are kept until they age out)")
    public Uni<Response> delete(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode) {
        return endpoint(systemCode, endpointCode)
                .flatMap(endpoint -> probes.delete(pool, endpoint.endpoint().id()))
                .map(deleted -> {
                    if (!deleted) {
                        throw ProblemException.field(ErrorCode.PROBE_NOT_FOUND, "endpointCode", "no probe is registered for this endpoint");
                    }
                    return Response.noContent().build();
                });
    }

    private Uni<EndpointRecord> endpoint(String systemCode, String endpointCode) {
        String system = slug("systemCode", systemCode);
        String code = slug("endpointCode", endpointCode);
        return systems.get(pool, system).flatMap(found -> {
            access.requireManage(found.code(), found.ownerOrg(), "endpoint probes");
            return endpoints.get(pool, found.id(), code);
        });
    }

    static String slug(String name, String value) {
        if (value == null || value.length() > 63 || !FieldChecks.SLUG.matcher(value).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " must be a lowercase code");
        }
        return value;
    }
}

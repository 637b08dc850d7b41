package vn.lgsp.hub.connection;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import vn.lgsp.hub.identity.Roles;

/**
 * The liveness probe an owner registers for an endpoint. Kept beside the endpoint (its own table
 * and path) rather than inside it, so probe settings change without touching the endpoint's
 * version or its live connector. Role: the system's owners (and admins); see {@link EndpointProbes}.
 */
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
@Path("/api/v1/systems/{systemCode}/endpoints/{endpointCode}/probe")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Probes", description = "Liveness probes of provider endpoints (evidence for the connection report)")
public class ProbeResource {

    @Inject
    EndpointProbes probes;

    @GET
    @Operation(summary = "Read an endpoint's probe settings and last result")
    public Uni<ProbeView> get(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode) {
        return probes.find(systemCode, endpointCode).map(found -> {
            if (found == null) {
                throw EndpointProbes.notFound();
            }
            return found;
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or replace an endpoint's probe (target, intervalSeconds, timeoutMs)")
    public Uni<ProbeView> put(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode,
                              ProbeSettings input) {
        return probes.save(systemCode, endpointCode, input);
    }

    @DELETE
    @Operation(summary = "Stop probing an endpoint (its past results are kept until they age out)")
    public Uni<Response> delete(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode) {
        return probes.stop(systemCode, endpointCode).map(stopped -> Response.noContent().build());
    }
}

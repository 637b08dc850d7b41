package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.api.ETags;
import vn.lgsp.hub.identity.Roles;

import java.net.URI;
import java.util.List;

/**
 * Endpoints of a system over HTTP, held by {@link EndpointRegistry}. Role: the system's owners
 * (and admins); no one else reads them (operators neither). Credentials are write-only.
 */
@Path("/api/v1/systems/{systemCode}/endpoints")
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Endpoints", description = "Where and how the hub reaches a provider system")
public class EndpointResource {

    @Inject
    EndpointRegistry registry;

    @GET
    @Operation(summary = "List a system's endpoints (secrets never shown)")
    public Uni<List<Endpoint>> list(@PathParam("systemCode") String systemCode) {
        return registry.list(systemCode);
    }

    @GET
    @Path("{endpointCode}")
    @Operation(summary = "Read one endpoint (secrets never shown)")
    public Uni<Response> get(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode) {
        return registry.get(systemCode, endpointCode).map(EndpointResource::withETag);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an endpoint to a system")
    public Uni<Response> add(@PathParam("systemCode") String systemCode, EndpointInput input) {
        String sys = Params.slug("systemCode", systemCode);
        return registry.add(sys, Params.body(input))
                .map(e -> Response.created(URI.create("/api/v1/systems/" + sys + "/endpoints/" + e.code()))
                        .header("ETag", ETags.of(e.version())).entity(e).build());
    }

    @PUT
    @Path("{endpointCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an endpoint's settings (If-Match required; omitted secrets are kept)")
    public Uni<Response> update(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode,
                                @HeaderParam("If-Match") String ifMatch, EndpointInput input) {
        // The path is checked before the body and If-Match, so a bad request keeps naming its first fault.
        String sys = Params.slug("systemCode", systemCode);
        String code = Params.slug("endpointCode", endpointCode);
        EndpointInput in = Params.body(input);
        return registry.update(sys, code, ETags.required(ifMatch), in).map(EndpointResource::withETag);
    }

    @DELETE
    @Path("{endpointCode}")
    @Operation(summary = "Remove an endpoint no service uses (If-Match required)")
    public Uni<Response> remove(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode,
                                @HeaderParam("If-Match") String ifMatch) {
        String sys = Params.slug("systemCode", systemCode);
        String code = Params.slug("endpointCode", endpointCode);
        return registry.remove(sys, code, ETags.required(ifMatch)).map(done -> Response.noContent().build());
    }

    private static Response withETag(Endpoint endpoint) {
        return Response.ok(endpoint).header("ETag", ETags.of(endpoint.version())).build();
    }
}

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
 * Services a system shares, their publication and their description documents, over HTTP; held
 * by {@link ServiceRegistry}. Role: the system's owners (and admins); integrators and operators read.
 */
@Path("/api/v1/systems/{systemCode}/services")
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Services", description = "Services a system shares, and their OpenAPI/WSDL documents")
public class ServiceResource {

    @Inject
    ServiceRegistry registry;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "List the services a system shares")
    public Uni<List<SharedService>> list(@PathParam("systemCode") String systemCode) {
        return registry.list(systemCode);
    }

    @GET
    @Path("{serviceCode}/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "Read one service version")
    public Uni<Response> get(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                             @PathParam("version") String version) {
        return registry.get(systemCode, serviceCode, version).map(ServiceResource::ok);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a shared service (starts as draft; publish to make it routable)")
    public Uni<Response> add(@PathParam("systemCode") String systemCode, ServiceInput input) {
        String sys = Params.slug("systemCode", systemCode);
        return registry.add(sys, Params.body(input))
                .map(saved -> Response.created(URI.create("/api/v1/systems/" + sys + "/services/" + saved.code() + "/" + saved.version()))
                        .header("ETag", ETags.of(saved.revision())).entity(saved).build());
    }

    @PUT
    @Path("{serviceCode}/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a service version (If-Match required; code and version are fixed)")
    public Uni<Response> update(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                @PathParam("version") String version, @HeaderParam("If-Match") String ifMatch,
                                ServiceInput input) {
        ServiceInput in = Params.body(input);
        return registry.update(systemCode, serviceCode, version, ETags.required(ifMatch), in).map(ServiceResource::ok);
    }

    @POST
    @Path("{serviceCode}/{version}/lifecycle")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish or withdraw a service version")
    public Uni<Response> transition(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                    @PathParam("version") String version, @HeaderParam("If-Match") String ifMatch,
                                    ServiceLifecycleRequest request) {
        ServiceLifecycleRequest req = Params.body(request);
        return registry.transition(systemCode, serviceCode, version, ETags.optional(ifMatch), req).map(ServiceResource::ok);
    }

    @DELETE
    @Path("{serviceCode}/{version}")
    @Operation(summary = "Remove a service version that is not published (If-Match required)")
    public Uni<Response> remove(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                @PathParam("version") String version, @HeaderParam("If-Match") String ifMatch) {
        return registry.remove(systemCode, serviceCode, version, ETags.required(ifMatch)).map(done -> Response.noContent().build());
    }

    @PUT
    @Path("{serviceCode}/{version}/description")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload the service's OpenAPI (JSON/YAML) or WSDL document; it is served back unchanged")
    public Uni<Response> upload(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                @PathParam("version") String version, @HeaderParam("Content-Type") String contentType,
                                byte[] content) {
        return registry.upload(systemCode, serviceCode, version, contentType, content).map(ServiceResource::ok);
    }

    @GET
    @Path("{serviceCode}/{version}/description")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download the service's description document as uploaded")
    public Uni<Response> download(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                  @PathParam("version") String version) {
        return registry.document(systemCode, serviceCode, version)
                .map(doc -> Response.ok(doc.content(), doc.mediaType()).header("ETag", "\"" + doc.sha256() + "\"")
                        .header("X-Content-Type-Options", "nosniff").build());
    }

    private static Response ok(SharedService service) {
        return Response.ok(service).header("ETag", ETags.of(service.revision())).build();
    }
}

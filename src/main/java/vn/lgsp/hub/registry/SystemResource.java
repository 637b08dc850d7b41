package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.api.ETags;
import vn.lgsp.hub.api.Page;
import vn.lgsp.hub.api.Paging;
import vn.lgsp.hub.identity.Roles;

import java.net.URI;

/**
 * System owners' API for information systems: HTTP over {@link SystemRegistry}, which holds the
 * rules (owners register and edit their organisation's systems, submit and retire them; admins
 * approve, reject, suspend and resume, and alone set {@code ownerOrg}, {@code clientId} and
 * {@code catalogueId}; owners and operators read).
 */
@Path("/api/v1/systems")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Information systems", description = "Register and manage information systems")
public class SystemResource {

    @Inject
    SystemRegistry registry;
    @Inject
    RegistryConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Register an information system (starts as draft; an owner's system belongs to the owner's organisation)")
    public Uni<Response> register(SystemInput input) {
        return registry.register(Params.body(input))
                .map(saved -> Response.created(URI.create("/api/v1/systems/" + saved.code()))
                        .header("ETag", ETags.of(saved.version())).entity(saved).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "List information systems, filtered by scope, status or text, paginated")
    public Uni<Page<InformationSystem>> list(@QueryParam("scope") String scope, @QueryParam("status") String status,
                                             @QueryParam("q") String q, @QueryParam("page") String page,
                                             @QueryParam("size") String size) {
        Scope scopeFilter = Params.enumValue("scope", scope, Scope.class, Scope::fromWire);
        SystemStatus statusFilter = Params.enumValue("status", status, SystemStatus.class, SystemStatus::fromWire);
        Paging paging = Paging.of(page, size, config.defaultPageSize(), config.maxPageSize());
        return registry.list(scopeFilter, statusFilter, Params.search(q), paging);
    }

    @GET
    @Path("{code}")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "Read one information system; the ETag is needed to change it")
    public Uni<Response> get(@PathParam("code") String code) {
        return registry.get(code).map(SystemResource::withETag);
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Update an information system (send If-Match with its ETag)")
    public Uni<Response> update(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch, SystemInput input) {
        // The path is checked before the body and If-Match, so a bad request keeps naming its first fault.
        String systemCode = Params.slug("code", code);
        SystemInput in = Params.body(input);
        return registry.update(systemCode, ETags.required(ifMatch), in).map(SystemResource::withETag);
    }

    @POST
    @Path("{code}/lifecycle")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Move a system through its lifecycle: submit, approve, reject, suspend, resume, retire")
    public Uni<Response> transition(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
                                    LifecycleRequest request) {
        String systemCode = Params.slug("code", code);
        LifecycleRequest req = Params.body(request);
        return registry.transition(systemCode, ETags.optional(ifMatch), req).map(SystemResource::withETag);
    }

    private static Response withETag(InformationSystem system) {
        return Response.ok(system).header("ETag", ETags.of(system.version())).build();
    }
}

package vn.lgsp.hub.access;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.api.Page;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.net.URI;

/**
 * Access grants over HTTP: which consumer system may call which provider service. The workflow
 * and who may take each step are {@link GrantWorkflow}'s.
 */
@Path("/api/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access grants", description = "Who may call which provider service")
public class GrantResource {

    @Inject
    GrantWorkflow workflow;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Request access for a consumer system to a provider's service (an admin's request is granted at once)")
    public Uni<Response> create(GrantInput input) {
        if (input == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        return workflow.request(input).map(grant -> Response.created(URI.create("/api/v1/grants/" + grant.id())).entity(grant).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SYSTEM_OWNER})
    @Operation(summary = "List grants, by consumer, provider or status (owners: grants of their organisation's systems)")
    public Uni<Page<Grant>> list(@QueryParam("consumer") String consumer, @QueryParam("provider") String provider,
                                 @QueryParam("status") String status, @QueryParam("page") String page,
                                 @QueryParam("size") String size) {
        return workflow.list(consumer, provider, status, page, size);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SYSTEM_OWNER})
    @Operation(summary = "Read one grant")
    public Uni<Grant> get(@PathParam("id") String id) {
        return workflow.get(id);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Approve a requested grant (the provider's owner or an admin)")
    public Uni<Grant> approve(@PathParam("id") String id, DecisionRequest request) {
        return workflow.approve(id, reason(request));
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Reject a requested grant (the provider's owner or an admin)")
    public Uni<Grant> reject(@PathParam("id") String id, DecisionRequest request) {
        return workflow.reject(id, reason(request));
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Revoke a grant (either side's owner or an admin): calls stop on every hub instance within about a second")
    public Uni<Grant> revoke(@PathParam("id") String id, DecisionRequest request) {
        return workflow.revoke(id, reason(request));
    }

    /** A decision's body is optional. */
    private static String reason(DecisionRequest request) {
        return request == null ? null : request.reason();
    }
}

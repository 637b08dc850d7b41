package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import vn.lgsp.hub.access.GrantInput;
import vn.lgsp.hub.access.GrantWorkflow;

import static vn.lgsp.hub.console.OwnerResource.blankToNull;

/**
 * Access grants, through the API's own workflow ({@link GrantWorkflow}): the consumer's owner
 * requests access for one of their systems, the provider's owner (or an admin) approves or
 * rejects, either side's owner (or an admin) revokes. Each user sees the grants the workflow lets
 * them see (owners: those of their organisation's systems); it refuses what is not theirs to
 * decide, and the refusal comes back as its problem code on the page.
 */
// The console guards every page itself (ConsoleAccess) and acts through the API's services, whose checks apply too.
@PermitAll
@Path("/console/owner/grants")
public class GrantsResource {

    private static final String PAGE = "/console/owner/grants";

    @Inject
    NoticeSeal seals;
    @Inject
    ConsoleAccess access;
    @Inject
    GrantWorkflow grants;
    @Inject
    OwnerQueries owned;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@Context HttpServerRequest request, @QueryParam("done") String done,
                                      @QueryParam("error") String error, @QueryParam("field") String field,
                                         @QueryParam("seal") String seal) {
        ConsoleView view = access.manager(request, "grants");
        return Uni.combine().all().unis(grants.list(null, null, null, "1", "200"), owned.manageable(view.user())).asTuple()
                .map(t -> ConsolePages.grants(view, t.getItem1().items(), t.getItem2(), Notice.of(done, error, field, seal, seals))
                        .setAttribute("locale", view.locale()));
    }

    /** A request for access (granted at once when an admin asks, as in the API). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> request(@Context HttpServerRequest request, @RestForm("_csrf") String csrf, @RestForm String consumerSystem,
                                 @RestForm String providerSystem, @RestForm String serviceCode, @RestForm String purpose) {
        access.managerPost(request, csrf);
        return FormOutcome.redirect(() -> grants.request(new GrantInput(blankToNull(consumerSystem), blankToNull(providerSystem),
                        blankToNull(serviceCode), blankToNull(purpose), null, null, null, null)),
                PAGE + "?done=requested", PAGE + "?", seals);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> approve(@Context HttpServerRequest request, @PathParam("id") String id, @RestForm("_csrf") String csrf,
                                 @RestForm String reason) {
        access.managerPost(request, csrf);
        return FormOutcome.redirect(() -> grants.approve(id, blankToNull(reason)),
                PAGE + "?done=approved", PAGE + "?", seals);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> reject(@Context HttpServerRequest request, @PathParam("id") String id, @RestForm("_csrf") String csrf,
                                @RestForm String reason) {
        access.managerPost(request, csrf);
        return FormOutcome.redirect(() -> grants.reject(id, blankToNull(reason)),
                PAGE + "?done=rejected", PAGE + "?", seals);
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> revoke(@Context HttpServerRequest request, @PathParam("id") String id, @RestForm("_csrf") String csrf,
                                @RestForm String reason) {
        access.managerPost(request, csrf);
        return FormOutcome.redirect(() -> grants.revoke(id, blankToNull(reason)),
                PAGE + "?done=revoked", PAGE + "?", seals);
    }
}

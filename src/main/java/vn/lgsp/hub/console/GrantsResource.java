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
import vn.lgsp.hub.ledger.ReportConfig;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import static vn.lgsp.hub.console.OwnerResource.blankToNull;
import static vn.lgsp.hub.console.OwnerResource.integer;

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
    @Inject
    ReportConfig reports;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@Context HttpServerRequest request, @QueryParam("done") String done,
                                      @QueryParam("error") String error, @QueryParam("field") String field,
                                         @QueryParam("seal") String seal) {
        ConsoleView view = access.manager(request, "grants");
        return Uni.combine().all().unis(grants.list(null, null, null, "1", "200"), owned.manageable(view.user()), owned.offered(),
                        owned.names(view.english())).asTuple()
                .map(t -> ConsolePages.grants(view, t.getItem1().items(), t.getItem2(), t.getItem3(), t.getItem4(),
                        Notice.of(done, error, field, seal, seals, request, view.user()))
                        .setAttribute("locale", view.locale()));
    }

    /** A request for access (granted at once when an admin asks, as in the API). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> request(@Context HttpServerRequest request, @RestForm("_csrf") String csrf, @RestForm String consumerSystem,
                                 @RestForm String target, @RestForm String providerSystem, @RestForm String serviceCode,
                                 @RestForm String purpose, @RestForm String expiresOn, @RestForm String requestsPerSecond,
                                 @RestForm String requestsPerDay) {
        ConsoleView view = access.managerPost(request, csrf);
        TypedValues typed = TypedValues.of("grant", "consumerSystem", consumerSystem, "target", target,
                "purpose", purpose, "expiresOn", expiresOn, "requestsPerSecond", requestsPerSecond, "requestsPerDay", requestsPerDay);
        // The list gives "provider/service"; both are slugs, so the first '/' splits them.
        String chosen = blankToNull(target);
        int slash = chosen == null ? -1 : chosen.indexOf('/');
        String provider = slash > 0 ? chosen.substring(0, slash) : blankToNull(providerSystem);
        String service = slash > 0 ? chosen.substring(slash + 1) : blankToNull(serviceCode);
        return FormOutcome.redirect(() -> grants.request(new GrantInput(blankToNull(consumerSystem), provider, service,
                        blankToNull(purpose), expiry(expiresOn), null, integer(requestsPerSecond), integer(requestsPerDay))),
                PAGE + "?done=requested", PAGE + "?", seals, view, typed);
    }

    /** The last day the grant holds (a date picker's value): it expires when that day ends in the reports' zone. */
    private OffsetDateTime expiry(String lastDay) {
        String day = blankToNull(lastDay);
        if (day == null) {
            return null;
        }
        try {
            return ConsoleDates.parse(day).plusDays(1).atStartOfDay(reports.timeZone()).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ErrorCode.INVALID_FIELD, "expiresAt", "the last day must be a date");
        }
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
                                @RestForm String reason, @RestForm String confirm) {
        access.managerPost(request, csrf);
        return FormOutcome.redirect(() -> {
            FormOutcome.requireConfirmed(confirm, "revocation");
            return grants.revoke(id, blankToNull(reason));
        }, PAGE + "?done=revoked", PAGE + "?", seals);
    }
}

package vn.lgsp.hub.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.api.Page;
import vn.lgsp.hub.identity.Roles;

/** The audit trail: operators and admins read all of it, owners the entries about their organisation's systems ({@link AuditSearch}). */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit trail", description = "Who changed what, and which requests were denied (nhật ký truy vết)")
public class AuditResource {

    @Inject
    AuditSearch search;
    @Inject
    AuditLog log;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SYSTEM_OWNER})
    @Operation(summary = "Query the audit trail by system, actor, action, outcome and time, newest first")
    public Uni<Page<AuditEntry>> list(@QueryParam("system") String system, @QueryParam("actor") String actor,
                                      @QueryParam("action") String action, @QueryParam("outcome") String outcome,
                                      @QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("transactionId") String transactionId,
                                      @QueryParam("page") String page, @QueryParam("size") String size) {
        return search.search(system, actor, action, outcome, from, to, transactionId, page, size);
    }

    @POST
    @Path("verify")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Re-compute the hash chain and report the first entry that was altered or removed")
    public Uni<AuditLog.Verification> verify() {
        return log.verify();
    }
}

package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.identity.Caller;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.security.SystemAccess;

import java.net.URI;
import java.util.Objects;

/**
 * System owners' API for information systems. Owners register and edit their organisation's
 * systems, submit and retire them; admins approve, reject, suspend and resume, and alone set
 * {@code ownerOrg}, {@code clientId} and {@code catalogueId}; owners and operators read.
 */
@Path("/api/v1/systems")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Information systems", description = "Register and manage information systems")
public class SystemResource {

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    RegistryEvents events;
    @Inject
    RegistryConfig config;
    @Inject
    Caller caller;
    @Inject
    SystemAccess access;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Register an information system (starts as draft; an owner's system belongs to the owner's organisation)")
    public Uni<Response> register(SystemInput input) {
        SystemInput in = Params.body(input);
        FieldChecks checks = new FieldChecks();
        in.check(checks, true);
        checks.throwIfAny();
        String ownerOrg = in.ownerOrg();
        if (!caller.isAdmin()) {
            if (caller.org() == null) {
                throw access.deny(in.code(), "register", "the token names no organisation to own the system");
            }
            access.adminOnlyField(in.code(), "ownerOrg", in.ownerOrg(), caller.org());
            access.adminOnlyField(in.code(), "clientId", blankToNull(in.clientId()), null);
            access.adminOnlyField(in.code(), "catalogueId", in.catalogueId(), null);
            ownerOrg = caller.org();
        }
        String owner = ownerOrg;
        return pool.withTransaction(tx -> systems.insert(tx, in, owner, blankToNull(in.clientId()))
                        .call(saved -> events.record(tx, "system.registered", saved.code(), saved)))
                .map(saved -> {
                    events.committed();
                    return Response.created(URI.create("/api/v1/systems/" + saved.code()))
                            .header("ETag", ETags.of(saved.version())).entity(saved).build();
                });
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
        return systems.list(pool, scopeFilter, statusFilter, Params.search(q), paging);
    }

    @GET
    @Path("{code}")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "Read one information system; the ETag is needed to change it")
    public Uni<Response> get(@PathParam("code") String code) {
        return systems.get(pool, Params.slug("code", code))
                .map(system -> Response.ok(system).header("ETag", ETags.of(system.version())).build());
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Update an information system (send If-Match with its ETag)")
    public Uni<Response> update(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch, SystemInput input) {
        String systemCode = Params.slug("code", code);
        SystemInput in = Params.body(input);
        int expected = ETags.required(ifMatch);
        FieldChecks checks = new FieldChecks();
        in.check(checks, false);
        checks.throwIfAny();
        if (in.code() != null && !Objects.equals(in.code(), systemCode)) {
            throw ProblemException.field(ErrorCode.IMMUTABLE_FIELD, "code", "a system's code cannot change; register a new system instead");
        }
        return pool.withTransaction(tx -> systems.get(tx, systemCode).map(SystemGuard::changeable)
                        .flatMap(current -> {
                            access.requireManage(systemCode, current.ownerOrg(), "update");
                            access.adminOnlyField(systemCode, "ownerOrg", in.ownerOrg(), current.ownerOrg());
                            access.adminOnlyField(systemCode, "clientId", in.clientId(), current.clientId());
                            access.adminOnlyField(systemCode, "catalogueId", in.catalogueId(), current.catalogueId());
                            String ownerOrg = in.ownerOrg() == null ? current.ownerOrg() : in.ownerOrg();
                            String clientId = in.clientId() == null ? current.clientId() : blankToNull(in.clientId());
                            // The catalogue link is kept when omitted (only admins change it).
                            SystemInput kept = in.catalogueId() != null || caller.isAdmin() ? in : withCatalogue(in, current.catalogueId());
                            return systems.update(tx, systemCode, expected, kept, ownerOrg, clientId)
                                    .call(saved -> events.record(tx, "system.updated", saved.code(), saved, current));
                        }))
                .map(saved -> {
                    events.committed();
                    return Response.ok(saved).header("ETag", ETags.of(saved.version())).build();
                });
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
        Integer expected = ETags.optional(ifMatch);
        FieldChecks checks = new FieldChecks();
        checks.required("action", req.action());
        checks.optionalText("reason", req.reason(), 1000);
        checks.throwIfAny();
        return pool.withTransaction(tx -> systems.get(tx, systemCode).flatMap(current -> {
                    access.requireManage(systemCode, current.ownerOrg(), "lifecycle");
                    if (!req.action().byOwner()) {
                        access.requireAdmin(systemCode, req.action().wire() + " a system");
                    }
                    if (expected != null && expected != current.version()) {
                        throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the system changed since you read it");
                    }
                    SystemStatus next = req.action().apply(current.status()).orElseThrow(() -> ProblemException.field(
                            ErrorCode.INVALID_TRANSITION, "action", "cannot " + req.action().wire() + " a system that is "
                                    + current.status().wire() + "; allowed from: " + req.action().from().stream()
                                    .map(SystemStatus::wire).toList()));
                    return systems.changeStatus(tx, systemCode, current.version(), next)
                            .call(saved -> events.record(tx, "system.status_changed", saved.code(),
                                    new StatusChange(req.action().wire(), current.status(), next, req.reason(), saved)));
                }))
                .map(saved -> {
                    events.committed();
                    return Response.ok(saved).header("ETag", ETags.of(saved.version())).build();
                });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static SystemInput withCatalogue(SystemInput in, String catalogueId) {
        return new SystemInput(in.code(), in.nameVi(), in.nameEn(), in.owningAgency(), in.scope(), in.securityLevel(), in.contact(),
                in.description(), catalogueId, in.ownerOrg(), in.clientId());
    }
}

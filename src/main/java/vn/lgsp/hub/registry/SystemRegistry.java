package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.api.Page;
import vn.lgsp.hub.api.Paging;
import vn.lgsp.hub.identity.Caller;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.security.SystemAccess;

import java.util.Objects;

/**
 * Information systems: registration, edits and the lifecycle, for the API and the console alike.
 * Owners register and edit their organisation's systems, submit and retire them; admins approve,
 * reject, suspend and resume, and alone set {@code ownerOrg}, {@code clientId} and
 * {@code catalogueId}. Every change is one transaction with its change event and audit entry.
 * The roles are the API's, so a caller in-process (the console) is held to them too.
 */
@ApplicationScoped
public class SystemRegistry {

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    RegistryEvents events;
    @Inject
    Caller caller;
    @Inject
    SystemAccess access;

    /** Registers a draft system; an owner's system belongs to the owner's organisation. */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<InformationSystem> register(SystemInput in) {
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
                .invoke(saved -> events.committed());
    }

    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    public Uni<Page<InformationSystem>> list(Scope scope, SystemStatus status, String search, Paging paging) {
        return systems.list(pool, scope, status, search, paging);
    }

    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    public Uni<InformationSystem> get(String code) {
        return systems.get(pool, Params.slug("code", code));
    }

    /** Updates a system last read at {@code expectedVersion}; its code never changes. */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<InformationSystem> update(String code, int expectedVersion, SystemInput in) {
        String systemCode = Params.slug("code", code);
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
                            return systems.update(tx, systemCode, expectedVersion, kept, ownerOrg, clientId)
                                    .call(saved -> events.record(tx, "system.updated", saved.code(), saved, current));
                        }))
                .invoke(saved -> events.committed());
    }

    /**
     * Moves a system through its lifecycle; {@code expectedVersion} null means no precondition.
     * Owners submit and retire; the other actions are admins'.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<InformationSystem> transition(String code, Integer expectedVersion, LifecycleRequest req) {
        String systemCode = Params.slug("code", code);
        FieldChecks checks = new FieldChecks();
        checks.required("action", req.action());
        checks.optionalText("reason", req.reason(), 1000);
        checks.throwIfAny();
        return pool.withTransaction(tx -> systems.get(tx, systemCode).flatMap(current -> {
                    access.requireManage(systemCode, current.ownerOrg(), "lifecycle");
                    if (!req.action().byOwner()) {
                        access.requireAdmin(systemCode, req.action().wire() + " a system");
                    }
                    if (expectedVersion != null && expectedVersion != current.version()) {
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
                .invoke(saved -> events.committed());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static SystemInput withCatalogue(SystemInput in, String catalogueId) {
        return new SystemInput(in.code(), in.nameVi(), in.nameEn(), in.owningAgency(), in.scope(), in.securityLevel(), in.contact(),
                in.description(), catalogueId, in.ownerOrg(), in.clientId());
    }
}

package vn.lgsp.hub.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
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
import vn.lgsp.hub.registry.RegistryEvents;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.security.SystemAccess;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The grant workflow, for the API and the console alike: the consumer's owner requests access
 * (with a purpose); the provider's owner or an admin approves or rejects; the consumer's owner,
 * the provider's owner or an admin revokes. An admin's request is granted at once. Every step is
 * one transaction with its change event and audit entry. The roles are the API's, so a caller
 * in-process (the console) is held to them too.
 */
@ApplicationScoped
public class GrantWorkflow {

    @Inject
    Pool pool;
    @Inject
    GrantRepository grants;
    @Inject
    SystemRepository systems;
    @Inject
    RegistryEvents events;
    @Inject
    Caller caller;
    @Inject
    SystemAccess access;

    /** Asks for a consumer system's access to a provider's service or event type (granted at once when an admin asks). */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<Grant> request(GrantInput input) {
        FieldChecks checks = new FieldChecks();
        input.check(checks);
        checks.throwIfAny();
        GrantStatus status = caller.isAdmin() ? GrantStatus.ACTIVE : GrantStatus.REQUESTED;
        return pool.withTransaction(tx -> systems.find(tx, input.consumerSystem())
                        .flatMap(consumer -> systems.find(tx, input.providerSystem()).flatMap(provider -> {
                            if (consumer == null) {
                                throw ProblemException.field(ErrorCode.UNKNOWN_SYSTEM, "consumerSystem", "no system is registered with this code");
                            }
                            access.requireManage(consumer.code(), consumer.ownerOrg(), "request a grant for");
                            if (provider == null) {
                                throw ProblemException.field(ErrorCode.UNKNOWN_SYSTEM, "providerSystem", "no system is registered with this code");
                            }
                            return requireService(tx, provider.id(), input.serviceCode())
                                    .flatMap(ok -> grants.insert(tx, consumer.id(), provider.id(), input, status, caller.name()));
                        }))
                        .call(grant -> events.record(tx, status == GrantStatus.ACTIVE ? "grant.created" : "grant.requested",
                                grant.providerSystem(), grant)))
                .invoke(grant -> events.committed());
    }

    /**
     * Grants by consumer, provider and status, as given by the user (checked here, so the API and
     * the console refuse the same input alike); owners see those of their organisation's systems.
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SYSTEM_OWNER})
    public Uni<Page<Grant>> list(String consumer, String provider, String status, String page, String size) {
        GrantStatus statusFilter = null;
        if (status != null && !status.isBlank()) {
            try {
                statusFilter = GrantStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "status",
                        "status must be requested, active, rejected, revoked or expired");
            }
        }
        String org = null;
        if (!caller.isAdmin() && !caller.is(Roles.OPERATOR)) {
            org = caller.org();
            if (org == null) {
                throw access.deny(null, "grants", "the token names no organisation");
            }
        }
        return grants.list(pool, code("consumer", consumer), code("provider", provider), statusFilter, org, Paging.of(page, size, 50, 200));
    }

    /** One grant, for operators and the owners of either side. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SYSTEM_OWNER})
    public Uni<Grant> get(String id) {
        return grants.get(pool, uuid(id)).invoke(grant -> {
            if (!caller.is(Roles.OPERATOR) && !caller.manages(grant.consumerOrg()) && !caller.manages(grant.providerOrg())) {
                throw access.deny(grant.providerSystem(), "grant", "the grant concerns no system of your organisation");
            }
        });
    }

    /** The provider's owner or an admin approves a requested grant. */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<Grant> approve(String id, String reason) {
        return decide(id, reason, GrantStatus.ACTIVE, "grant.approved");
    }

    /** The provider's owner or an admin rejects a requested grant. */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<Grant> reject(String id, String reason) {
        return decide(id, reason, GrantStatus.REJECTED, "grant.rejected");
    }

    /** Either side's owner or an admin revokes a grant; calls stop on every hub instance within about a second. */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<Grant> revoke(String id, String reason) {
        checkReason(reason);
        return change(id, grant -> {
            if (!caller.manages(grant.consumerOrg()) && !caller.manages(grant.providerOrg())) {
                throw access.deny(grant.providerSystem(), "revoke grant", "the grant concerns no system of your organisation");
            }
        }, tx -> grantId -> grants.revoke(tx, grantId, caller.name(), reason), "grant.revoked");
    }

    private Uni<Grant> decide(String id, String reason, GrantStatus to, String event) {
        checkReason(reason);
        return change(id, grant -> {
            if (!caller.manages(grant.providerOrg())) {
                throw access.deny(grant.providerSystem(), "decide grant", "only the provider's owner or an admin decides");
            }
        }, tx -> grantId -> grants.decide(tx, grantId, to, caller.name(), reason), event);
    }

    private Uni<Grant> change(String id, Consumer<Grant> permitted,
                              Function<SqlConnection, Function<UUID, Uni<Grant>>> change, String event) {
        UUID grantId = uuid(id);
        return pool.withTransaction(tx -> grants.get(tx, grantId)
                        .invoke(permitted)
                        .flatMap(before -> change.apply(tx).apply(grantId)
                                .call(grant -> events.record(tx, event, grant.providerSystem(), grant, before))))
                .invoke(grant -> events.committed());
    }

    private static void checkReason(String reason) {
        FieldChecks checks = new FieldChecks();
        checks.optionalText("reason", reason, 1000);
        checks.throwIfAny();
    }

    private static Uni<Boolean> requireService(SqlConnection tx, UUID providerId, String serviceCode) {
        // A grant names a service code or an event type name of the provider (subscriptions, vn.lgsp.hub.events).
        return tx.preparedQuery("SELECT 1 FROM shared_service WHERE system_id = $1 AND code = $2 "
                        + "UNION ALL SELECT 1 FROM event_type WHERE system_id = $1 AND name = $2 LIMIT 1")
                .execute(Tuple.of(providerId, serviceCode))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.field(ErrorCode.UNKNOWN_SERVICE, "serviceCode", "the provider shares no service and declares no event type with this code");
                    }
                    return true;
                });
    }

    private static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 63 || !FieldChecks.SLUG.matcher(value).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " is not a valid system code");
        }
        return value;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "id", "a grant id is a UUID");
        }
    }
}

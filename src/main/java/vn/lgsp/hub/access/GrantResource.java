package vn.lgsp.hub.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
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
import vn.lgsp.hub.api.Paging;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.RegistryEvents;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.identity.Caller;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.security.SystemAccess;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

/**
 * Access grants: which consumer system may call which provider service. The consumer's owner
 * requests (with a purpose); the provider's owner or an admin approves or rejects; the consumer's
 * owner, the provider's owner or an admin revokes. An admin may also grant directly.
 */
@Path("/api/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access grants", description = "Who may call which provider service")
public class GrantResource {

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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Request access for a consumer system to a provider's service (an admin's request is granted at once)")
    public Uni<Response> create(GrantInput input) {
        if (input == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
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
                .map(grant -> {
                    events.committed();
                    return Response.created(URI.create("/api/v1/grants/" + grant.id())).entity(grant).build();
                });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SYSTEM_OWNER})
    @Operation(summary = "List grants, by consumer, provider or status (owners: grants of their organisation's systems)")
    public Uni<Page<Grant>> list(@QueryParam("consumer") String consumer, @QueryParam("provider") String provider,
                                 @QueryParam("status") String status, @QueryParam("page") String page,
                                 @QueryParam("size") String size) {
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

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SYSTEM_OWNER})
    @Operation(summary = "Read one grant")
    public Uni<Grant> get(@PathParam("id") String id) {
        return grants.get(pool, uuid(id)).invoke(grant -> {
            if (!caller.is(Roles.OPERATOR) && !caller.manages(grant.consumerOrg()) && !caller.manages(grant.providerOrg())) {
                throw access.deny(grant.providerSystem(), "grant", "the grant concerns no system of your organisation");
            }
        });
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Approve a requested grant (the provider's owner or an admin)")
    public Uni<Grant> approve(@PathParam("id") String id, DecisionRequest request) {
        return decide(id, request, GrantStatus.ACTIVE, "grant.approved");
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Reject a requested grant (the provider's owner or an admin)")
    public Uni<Grant> reject(@PathParam("id") String id, DecisionRequest request) {
        return decide(id, request, GrantStatus.REJECTED, "grant.rejected");
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    @Operation(summary = "Revoke a grant (either side's owner or an admin): calls stop on every hub instance within about a second")
    public Uni<Grant> revoke(@PathParam("id") String id, DecisionRequest request) {
        String reason = reason(request);
        return change(id, grant -> {
            if (!caller.manages(grant.consumerOrg()) && !caller.manages(grant.providerOrg())) {
                throw access.deny(grant.providerSystem(), "revoke grant", "the grant concerns no system of your organisation");
            }
        }, tx -> grantId -> grants.revoke(tx, grantId, caller.name(), reason), "grant.revoked");
    }

    private Uni<Grant> decide(String id, DecisionRequest request, GrantStatus to, String event) {
        String reason = reason(request);
        return change(id, grant -> {
            if (!caller.manages(grant.providerOrg())) {
                throw access.deny(grant.providerSystem(), "decide grant", "only the provider's owner or an admin decides");
            }
        }, tx -> grantId -> grants.decide(tx, grantId, to, caller.name(), reason), event);
    }

    private Uni<Grant> change(String id, java.util.function.Consumer<Grant> permitted,
                              Function<SqlConnection, Function<UUID, Uni<Grant>>> change, String event) {
        UUID grantId = uuid(id);
        return pool.withTransaction(tx -> grants.get(tx, grantId)
                        .invoke(permitted)
                        .flatMap(before -> change.apply(tx).apply(grantId)
                                .call(grant -> events.record(tx, event, grant.providerSystem(), grant, before))))
                .invoke(grant -> events.committed());
    }

    private static String reason(DecisionRequest request) {
        String reason = request == null ? null : request.reason();
        FieldChecks checks = new FieldChecks();
        checks.optionalText("reason", reason, 1000);
        checks.throwIfAny();
        return reason;
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

package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.FieldError;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.security.SystemAccess;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Services a system shares, their publication and their description documents, for the API and
 * the console alike. The system's owners (and admins) change them; operators read. Every change
 * is one transaction with its change event and audit entry, and marks the system changed. The
 * roles are the API's, so a caller in-process (the console) is held to them too.
 */
@ApplicationScoped
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
public class ServiceRegistry {

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    EndpointRepository endpoints;
    @Inject
    ServiceRepository services;
    @Inject
    ServiceDocuments documents;
    @Inject
    RegistryEvents events;
    @Inject
    SystemAccess access;

    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    public Uni<List<SharedService>> list(String systemCode) {
        return systems.get(pool, Params.slug("systemCode", systemCode)).flatMap(system -> services.list(pool, system.id()));
    }

    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    public Uni<SharedService> get(String systemCode, String serviceCode, String version) {
        return find(systemCode, serviceCode, version);
    }

    /** Declares a draft service on one of the system's endpoints; publishing makes it routable. */
    public Uni<SharedService> add(String systemCode, ServiceInput in) {
        requireValidNew(in);
        return insert(systemCode, in, null);
    }

    /**
     * Declares a draft service with its description document, all or nothing: a document that is
     * not valid, or does not fit the service's kind, leaves no service behind.
     */
    public Uni<SharedService> add(String systemCode, ServiceInput in, String mediaType, byte[] content) {
        requireValidNew(in);
        return Uni.createFrom().item(() -> documents.accept(mediaType, content)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(document -> {
                    ServiceDocuments.requireFits(in.kind(), document);
                    return insert(systemCode, in, document);
                });
    }

    private static void requireValidNew(ServiceInput in) {
        FieldChecks checks = new FieldChecks();
        in.check(checks, true);
        checks.throwIfAny();
    }

    private Uni<SharedService> insert(String systemCode, ServiceInput in, ServiceDocument document) {
        String sys = Params.slug("systemCode", systemCode);
        return pool.withTransaction(tx -> systems.get(tx, sys)
                        .invoke(system -> access.requireManage(system.code(), system.ownerOrg(), "services"))
                        .map(SystemGuard::changeable)
                        .flatMap(system -> endpointId(tx, system, in.endpointCode())
                                .flatMap(endpointId -> services.insert(tx, system.id(), endpointId, in))
                                .flatMap(saved -> document == null ? Uni.createFrom().item(saved) : services.saveDocument(tx, saved.id(), document))
                                .call(saved -> systems.touch(tx, system.id()))
                                .call(saved -> events.record(tx, "service.added", sys, saved))))
                .invoke(saved -> events.committed());
    }

    /** Updates a service version last read at {@code expectedRevision}; its code and version are fixed. */
    public Uni<SharedService> update(String systemCode, String serviceCode, String version, int expectedRevision, ServiceInput in) {
        if (in.code() != null && !Objects.equals(in.code(), serviceCode)) {
            throw ProblemException.field(ErrorCode.IMMUTABLE_FIELD, "code", "a service's code cannot change; declare a new service");
        }
        if (in.version() != null && !Objects.equals(in.version(), version)) {
            throw ProblemException.field(ErrorCode.IMMUTABLE_FIELD, "version", "declare a new version instead of renumbering one");
        }
        FieldChecks checks = new FieldChecks();
        in.check(checks, false);
        checks.throwIfAny();
        return change(systemCode, serviceCode, version, (tx, current) -> endpointId(tx, current.system, in.endpointCode())
                .flatMap(endpointId -> services.update(tx, current.service.id(), endpointId, expectedRevision, in))
                .call(saved -> events.record(tx, "service.updated", saved.systemCode(), saved, current.service)));
    }

    /** Publishes or withdraws a service version; {@code expectedRevision} null means no precondition. */
    public Uni<SharedService> transition(String systemCode, String serviceCode, String version, Integer expectedRevision,
                                         ServiceLifecycleRequest req) {
        if (req.action() == null) {
            throw ProblemException.invalid(List.of(new FieldError("action", "required", "action is required")));
        }
        return change(systemCode, serviceCode, version, (tx, current) -> {
            SharedService service = current.service;
            if (expectedRevision != null && expectedRevision != service.revision()) {
                throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the service changed since you read it");
            }
            ServiceStatus next = req.action().apply(service.status()).orElseThrow(() -> ProblemException.field(
                    ErrorCode.INVALID_TRANSITION, "action", "cannot " + req.action().wire() + " a service that is " + service.status().wire()));
            return services.changeStatus(tx, service.id(), service.revision(), next)
                    .call(saved -> events.record(tx, req.action().eventType(), saved.systemCode(), saved));
        });
    }

    /** Removes a service version that is not published, last read at {@code expectedRevision}. */
    public Uni<Void> remove(String systemCode, String serviceCode, String version, int expectedRevision) {
        String sys = Params.slug("systemCode", systemCode);
        return pool.withTransaction(tx -> loadChangeable(tx, systemCode, serviceCode, version).flatMap(current -> {
                    if (current.service.status() == ServiceStatus.PUBLISHED) {
                        throw ProblemException.field(ErrorCode.INVALID_TRANSITION, "status", "withdraw a published service before removing it");
                    }
                    return services.delete(tx, current.service.id(), expectedRevision)
                            .call(() -> systems.touch(tx, current.system.id()))
                            .call(() -> events.record(tx, "service.removed", sys, current.service));
                }))
                .invoke(done -> events.committed());
    }

    /** Stores the service's OpenAPI (JSON/YAML) or WSDL document as given, to be served back unchanged. */
    public Uni<SharedService> upload(String systemCode, String serviceCode, String version, String mediaType, byte[] content) {
        // Parsing up to lgsp.registry.max-document-bytes would stall the event loop.
        return Uni.createFrom().item(() -> documents.accept(mediaType, content)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(document -> change(systemCode, serviceCode, version, (tx, current) -> {
                    ServiceDocuments.requireFits(current.service.kind(), document);
                    return services.saveDocument(tx, current.service.id(), document)
                            .call(saved -> events.record(tx, "service.description_uploaded", saved.systemCode(), saved));
                }));
    }

    /** The service's description document as uploaded. */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    public Uni<ServiceDocument> document(String systemCode, String serviceCode, String version) {
        return find(systemCode, serviceCode, version).flatMap(service -> services.document(pool, service.id()));
    }

    private record Current(InformationSystem system, SharedService service) {
    }

    private Uni<SharedService> change(String systemCode, String serviceCode, String version,
                                      BiFunction<SqlConnection, Current, Uni<SharedService>> change) {
        return pool.withTransaction(tx -> loadChangeable(tx, systemCode, serviceCode, version)
                        .flatMap(current -> change.apply(tx, current)
                                .call(saved -> systems.touch(tx, current.system.id()))))
                .invoke(saved -> events.committed());
    }

    private Uni<Current> loadChangeable(SqlConnection tx, String systemCode, String serviceCode, String version) {
        String code = Params.slug("serviceCode", serviceCode);
        String ver = version(version);
        return systems.get(tx, Params.slug("systemCode", systemCode))
                .invoke(system -> access.requireManage(system.code(), system.ownerOrg(), "services"))
                .map(SystemGuard::changeable)
                .flatMap(system -> services.get(tx, system.id(), code, ver).map(service -> new Current(system, service)));
    }

    private Uni<SharedService> find(String systemCode, String serviceCode, String version) {
        String code = Params.slug("serviceCode", serviceCode);
        String ver = version(version);
        return systems.get(pool, Params.slug("systemCode", systemCode)).flatMap(system -> services.get(pool, system.id(), code, ver));
    }

    private Uni<UUID> endpointId(SqlConnection tx, InformationSystem system, String endpointCode) {
        return endpoints.find(tx, system.id(), endpointCode).map(found -> {
            if (found == null) {
                throw ProblemException.field(ErrorCode.UNKNOWN_ENDPOINT, "endpointCode", "the system has no endpoint with this code; add it first");
            }
            return found.endpoint().id();
        });
    }

    private static String version(String version) {
        if (version == null || !ServiceInput.VERSION.matcher(version).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "version", "version must look like 1, 1.2, 1.2.3 or v2");
        }
        return version;
    }
}

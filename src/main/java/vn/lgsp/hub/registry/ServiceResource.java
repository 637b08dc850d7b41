package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.lgsp.hub.api.ETags;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.security.SystemAccess;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Services a system shares, their publication and their description documents. Role: the
 * system's owners (and admins); integrators and operators read.
 */
@Path("/api/v1/systems/{systemCode}/services")
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Services", description = "Services a system shares, and their OpenAPI/WSDL documents")
public class ServiceResource {

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

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "List the services a system shares")
    public Uni<List<SharedService>> list(@PathParam("systemCode") String systemCode) {
        return systems.get(pool, Params.slug("systemCode", systemCode)).flatMap(system -> services.list(pool, system.id()));
    }

    @GET
    @Path("{serviceCode}/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Operation(summary = "Read one service version")
    public Uni<Response> get(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                             @PathParam("version") String version) {
        return find(pool, systemCode, serviceCode, version).map(ServiceResource::ok);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a shared service (starts as draft; publish to make it routable)")
    public Uni<Response> add(@PathParam("systemCode") String systemCode, ServiceInput input) {
        String sys = Params.slug("systemCode", systemCode);
        ServiceInput in = Params.body(input);
        FieldChecks checks = new FieldChecks();
        in.check(checks, true);
        checks.throwIfAny();
        return pool.withTransaction(tx -> systems.get(tx, sys)
                        .invoke(system -> access.requireManage(system.code(), system.ownerOrg(), "services"))
                        .map(SystemGuard::changeable)
                        .flatMap(system -> endpointId(tx, system, in.endpointCode())
                                .flatMap(endpointId -> services.insert(tx, system.id(), endpointId, in))
                                .call(saved -> systems.touch(tx, system.id()))
                                .call(saved -> events.record(tx, "service.added", sys, saved))))
                .map(saved -> {
                    events.committed();
                    return Response.created(URI.create("/api/v1/systems/" + sys + "/services/" + saved.code() + "/" + saved.version()))
                            .header("ETag", ETags.of(saved.revision())).entity(saved).build();
                });
    }

    @PUT
    @Path("{serviceCode}/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a service version (If-Match required; code and version are fixed)")
    public Uni<Response> update(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                @PathParam("version") String version, @HeaderParam("If-Match") String ifMatch,
                                ServiceInput input) {
        ServiceInput in = Params.body(input);
        int expected = ETags.required(ifMatch);
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
                .flatMap(endpointId -> services.update(tx, current.service.id(), endpointId, expected, in))
                .call(saved -> events.record(tx, "service.updated", saved.systemCode(), saved, current.service)));
    }

    @POST
    @Path("{serviceCode}/{version}/lifecycle")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish or withdraw a service version")
    public Uni<Response> transition(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                    @PathParam("version") String version, @HeaderParam("If-Match") String ifMatch,
                                    ServiceLifecycleRequest request) {
        ServiceLifecycleRequest req = Params.body(request);
        Integer expected = ETags.optional(ifMatch);
        if (req.action() == null) {
            throw ProblemException.invalid(List.of(new vn.lgsp.hub.problem.FieldError("action", "required", "action is required")));
        }
        return change(systemCode, serviceCode, version, (tx, current) -> {
            SharedService service = current.service;
            if (expected != null && expected != service.revision()) {
                throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the service changed since you read it");
            }
            ServiceStatus next = req.action().apply(service.status()).orElseThrow(() -> ProblemException.field(
                    ErrorCode.INVALID_TRANSITION, "action", "cannot " + req.action().wire() + " a service that is " + service.status().wire()));
            return services.changeStatus(tx, service.id(), service.revision(), next)
                    .call(saved -> events.record(tx, req.action().eventType(), saved.systemCode(), saved));
        });
    }

    @DELETE
    @Path("{serviceCode}/{version}")
    @Operation(summary = "Remove a service version that is not published (If-Match required)")
    public Uni<Response> remove(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                @PathParam("version") String version, @HeaderParam("If-Match") String ifMatch) {
        int expected = ETags.required(ifMatch);
        String sys = Params.slug("systemCode", systemCode);
        return pool.withTransaction(tx -> loadChangeable(tx, systemCode, serviceCode, version).flatMap(current -> {
                    if (current.service.status() == ServiceStatus.PUBLISHED) {
                        throw ProblemException.field(ErrorCode.INVALID_TRANSITION, "status", "withdraw a published service before removing it");
                    }
                    return services.delete(tx, current.service.id(), expected)
                            .call(() -> systems.touch(tx, current.system.id()))
                            .call(() -> events.record(tx, "service.removed", sys, current.service));
                }))
                .map(done -> {
                    events.committed();
                    return Response.noContent().build();
                });
    }

    @PUT
    @Path("{serviceCode}/{version}/description")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload the service's OpenAPI (JSON/YAML) or WSDL document; it is served back unchanged")
    public Uni<Response> upload(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                @PathParam("version") String version, @HeaderParam("Content-Type") String contentType,
                                byte[] content) {
        ServiceDocument document = documents.accept(contentType, content);
        return change(systemCode, serviceCode, version, (tx, current) -> services.saveDocument(tx, current.service.id(), document)
                .call(saved -> events.record(tx, "service.description_uploaded", saved.systemCode(), saved)));
    }

    @GET
    @Path("{serviceCode}/{version}/description")
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER, Roles.OPERATOR})
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download the service's description document as uploaded")
    public Uni<Response> download(@PathParam("systemCode") String systemCode, @PathParam("serviceCode") String serviceCode,
                                  @PathParam("version") String version) {
        return find(pool, systemCode, serviceCode, version)
                .flatMap(service -> services.document(pool, service.id()))
                .map(doc -> Response.ok(doc.content(), doc.mediaType()).header("ETag", "\"" + doc.sha256() + "\"")
                        .header("X-Content-Type-Options", "nosniff").build());
    }

    private record Current(InformationSystem system, SharedService service) {
    }

    private Uni<Response> change(String systemCode, String serviceCode, String version,
                                 BiFunction<SqlConnection, Current, Uni<SharedService>> change) {
        return pool.withTransaction(tx -> loadChangeable(tx, systemCode, serviceCode, version)
                        .flatMap(current -> change.apply(tx, current)
                                .call(saved -> systems.touch(tx, current.system.id()))))
                .map(saved -> {
                    events.committed();
                    return ok(saved);
                });
    }

    private Uni<Current> loadChangeable(SqlConnection tx, String systemCode, String serviceCode, String version) {
        String code = Params.slug("serviceCode", serviceCode);
        String ver = version(version);
        return systems.get(tx, Params.slug("systemCode", systemCode))
                .invoke(system -> access.requireManage(system.code(), system.ownerOrg(), "services"))
                .map(SystemGuard::changeable)
                .flatMap(system -> services.get(tx, system.id(), code, ver).map(service -> new Current(system, service)));
    }

    private Uni<SharedService> find(Pool db, String systemCode, String serviceCode, String version) {
        String code = Params.slug("serviceCode", serviceCode);
        String ver = version(version);
        return systems.get(db, Params.slug("systemCode", systemCode)).flatMap(system -> services.get(db, system.id(), code, ver));
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

    private static Response ok(SharedService service) {
        return Response.ok(service).header("ETag", ETags.of(service.revision())).build();
    }
}

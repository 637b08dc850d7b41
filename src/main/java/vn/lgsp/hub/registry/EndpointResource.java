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
import vn.lgsp.hub.connector.spi.Secret;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.security.SystemAccess;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Endpoints of a system: where and how the hub reaches it. Role: the system's owners (and
 * admins); no one else reads them (operators neither). Credentials are write-only.
 */
@Path("/api/v1/systems/{systemCode}/endpoints")
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Endpoints", description = "Where and how the hub reaches a provider system")
public class EndpointResource {

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    EndpointRepository endpoints;
    @Inject
    EndpointRules rules;
    @Inject
    CredentialCipher cipher;
    @Inject
    RegistryEvents events;
    @Inject
    SystemAccess access;

    private InformationSystem managed(InformationSystem system) {
        access.requireManage(system.code(), system.ownerOrg(), "endpoints");
        return system;
    }

    @GET
    @Operation(summary = "List a system's endpoints (secrets never shown)")
    public Uni<List<Endpoint>> list(@PathParam("systemCode") String systemCode) {
        return systems.get(pool, Params.slug("systemCode", systemCode)).map(this::managed).flatMap(system -> endpoints.list(pool, system.id()));
    }

    @GET
    @Path("{endpointCode}")
    @Operation(summary = "Read one endpoint (secrets never shown)")
    public Uni<Response> get(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode) {
        String code = Params.slug("endpointCode", endpointCode);
        return systems.get(pool, Params.slug("systemCode", systemCode)).map(this::managed)
                .flatMap(system -> endpoints.get(pool, system.id(), code))
                .map(found -> Response.ok(found.endpoint()).header("ETag", ETags.of(found.endpoint().version())).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an endpoint to a system")
    public Uni<Response> add(@PathParam("systemCode") String systemCode, EndpointInput input) {
        String sys = Params.slug("systemCode", systemCode);
        EndpointInput in = Params.body(input);
        FieldChecks checks = new FieldChecks();
        rules.checkInput(in, true, checks);
        checks.throwIfAny();
        return pool.withTransaction(tx -> systems.get(tx, sys).map(this::managed).map(SystemGuard::changeable)
                        .flatMap(system -> save(tx, system, in, null)))
                .map(saved -> {
                    events.committed();
                    Endpoint e = saved.endpoint();
                    return Response.created(URI.create("/api/v1/systems/" + sys + "/endpoints/" + e.code()))
                            .header("ETag", ETags.of(e.version())).entity(e).build();
                });
    }

    @PUT
    @Path("{endpointCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an endpoint's settings (If-Match required; omitted secrets are kept)")
    public Uni<Response> update(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode,
                                @HeaderParam("If-Match") String ifMatch, EndpointInput input) {
        String sys = Params.slug("systemCode", systemCode);
        String code = Params.slug("endpointCode", endpointCode);
        EndpointInput in = Params.body(input);
        int expected = ETags.required(ifMatch);
        if (in.code() != null && !Objects.equals(in.code(), code)) {
            throw ProblemException.field(ErrorCode.IMMUTABLE_FIELD, "code", "an endpoint's code cannot change");
        }
        FieldChecks checks = new FieldChecks();
        rules.checkInput(in, false, checks);
        checks.throwIfAny();
        return pool.withTransaction(tx -> systems.get(tx, sys).map(this::managed).map(SystemGuard::changeable)
                        .flatMap(system -> endpoints.get(tx, system.id(), code)
                                .flatMap(existing -> {
                                    if (existing.endpoint().version() != expected) {
                                        throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the endpoint changed since you read it");
                                    }
                                    return save(tx, system, in, existing);
                                })))
                .map(saved -> {
                    events.committed();
                    return Response.ok(saved.endpoint()).header("ETag", ETags.of(saved.endpoint().version())).build();
                });
    }

    @DELETE
    @Path("{endpointCode}")
    @Operation(summary = "Remove an endpoint no service uses (If-Match required)")
    public Uni<Response> remove(@PathParam("systemCode") String systemCode, @PathParam("endpointCode") String endpointCode,
                                @HeaderParam("If-Match") String ifMatch) {
        String sys = Params.slug("systemCode", systemCode);
        String code = Params.slug("endpointCode", endpointCode);
        int expected = ETags.required(ifMatch);
        return pool.withTransaction(tx -> systems.get(tx, sys).map(this::managed).map(SystemGuard::changeable)
                        .flatMap(system -> endpoints.get(tx, system.id(), code)
                                .flatMap(existing -> endpoints.delete(tx, existing.endpoint().id(), expected)
                                        .call(() -> systems.touch(tx, system.id()))
                                        .call(() -> events.record(tx, "endpoint.removed", sys, existing.endpoint())))))
                .map(done -> {
                    events.committed();
                    return Response.noContent().build();
                });
    }

    private Uni<EndpointRecord> save(SqlConnection tx, InformationSystem system, EndpointInput in, EndpointRecord existing) {
        UUID id = existing == null ? UUID.randomUUID() : existing.endpoint().id();
        EndpointInput.Auth auth = in.auth() == null ? new EndpointInput.Auth("none", null, null, null, null, null, null) : in.auth();
        EndpointInput.Tls tls = in.tls() == null ? new EndpointInput.Tls(null, null, null, null, null) : in.tls();

        String secret = auth.secret();
        byte[] secretCipher;
        boolean secretChanged = secret != null;
        if ("none".equals(auth.type())) {
            secretCipher = null;
            secretChanged = existing != null && existing.secretCiphertext() != null;
        } else if (secret != null) {
            secretCipher = cipher.encrypt(secret, id.toString());
        } else if (existing != null && existing.secretCiphertext() != null && auth.type().equals(existing.endpoint().auth().type())) {
            secretCipher = existing.secretCiphertext();
            secret = cipher.decrypt(secretCipher, id.toString());
        } else {
            secretCipher = null;
        }

        String clientKey = tls.clientKeyPem();
        byte[] clientKeyCipher;
        if (tls.clientCertificatePem() == null) {
            clientKeyCipher = null;
        } else if (clientKey != null) {
            clientKeyCipher = cipher.encrypt(clientKey, id.toString());
        } else if (existing != null && existing.clientKeyCiphertext() != null) {
            clientKeyCipher = existing.clientKeyCiphertext();
            clientKey = cipher.decrypt(clientKeyCipher, id.toString());
        } else {
            clientKeyCipher = null;
        }

        Endpoint endpoint = new Endpoint(id, system.id(), existing == null ? in.code() : existing.endpoint().code(),
                in.connectorType(), in.address(),
                in.connectTimeoutMs() == null ? EndpointRules.DEFAULT_CONNECT_TIMEOUT_MS : in.connectTimeoutMs(),
                in.requestTimeoutMs() == null ? EndpointRules.DEFAULT_REQUEST_TIMEOUT_MS : in.requestTimeoutMs(),
                new Endpoint.Tls(tls.verifyHostname() == null || tls.verifyHostname(), Boolean.TRUE.equals(tls.trustAll()),
                        tls.caCertificatesPem(), tls.clientCertificatePem(), clientKeyCipher != null),
                new Endpoint.Auth(auth.type(), auth.header(), auth.username(), auth.tokenUrl(), auth.clientId(), auth.scope(),
                        secretCipher != null, null),
                in.options() == null ? Map.of() : in.options(), 0, null, null);

        FieldChecks checks = new FieldChecks();
        rules.checkSettings(system, endpoint.toSettings(Secret.of(secret), Secret.of(clientKey)), checks);
        checks.throwIfAny();

        Integer expected = existing == null ? null : existing.endpoint().version();
        String event = existing == null ? "endpoint.added" : "endpoint.updated";
        Endpoint before = existing == null ? null : existing.endpoint();
        return endpoints.save(tx, id, system.id(), expected, endpoint, secretCipher, secretChanged, clientKeyCipher)
                .call(saved -> systems.touch(tx, system.id()))
                .call(saved -> events.record(tx, event, system.code(), saved.endpoint(), before));
    }
}

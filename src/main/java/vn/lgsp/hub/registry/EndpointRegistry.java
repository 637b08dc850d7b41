package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.connector.spi.Secret;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.security.SystemAccess;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Endpoints of a system: where and how the hub reaches it, for the API and the console alike.
 * Only the system's owners (and admins) read or change them; credentials are encrypted on the
 * way in and never come back out. Every change is one transaction with its change event and
 * audit entry. The roles are the API's, so a caller in-process (the console) is held to them too.
 */
@ApplicationScoped
@RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
public class EndpointRegistry {

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
    @Inject
    RegistryConfig config;

    private InformationSystem managed(InformationSystem system) {
        access.requireManage(system.code(), system.ownerOrg(), "endpoints");
        return system;
    }

    /** The system's endpoints, secrets never shown. */
    public Uni<List<Endpoint>> list(String systemCode) {
        return systems.get(pool, Params.slug("systemCode", systemCode)).map(this::managed).flatMap(system -> endpoints.list(pool, system.id()));
    }

    /** One endpoint, secrets never shown. */
    public Uni<Endpoint> get(String systemCode, String endpointCode) {
        String code = Params.slug("endpointCode", endpointCode);
        return systems.get(pool, Params.slug("systemCode", systemCode)).map(this::managed)
                .flatMap(system -> endpoints.get(pool, system.id(), code))
                .map(EndpointRecord::endpoint);
    }

    public Uni<Endpoint> add(String systemCode, EndpointInput in) {
        String sys = Params.slug("systemCode", systemCode);
        FieldChecks checks = new FieldChecks();
        rules.checkInput(in, true, checks);
        checks.throwIfAny();
        return pool.withTransaction(tx -> systems.get(tx, sys).map(this::managed).map(SystemGuard::changeable)
                        .flatMap(system -> save(tx, system, in, null)))
                .invoke(saved -> events.committed())
                .map(EndpointRecord::endpoint);
    }

    /** Replaces an endpoint's settings, last read at {@code expectedVersion}; omitted secrets are kept. */
    public Uni<Endpoint> update(String systemCode, String endpointCode, int expectedVersion, EndpointInput in) {
        String sys = Params.slug("systemCode", systemCode);
        String code = Params.slug("endpointCode", endpointCode);
        if (in.code() != null && !Objects.equals(in.code(), code)) {
            throw ProblemException.field(ErrorCode.IMMUTABLE_FIELD, "code", "an endpoint's code cannot change");
        }
        FieldChecks checks = new FieldChecks();
        rules.checkInput(in, false, checks);
        checks.throwIfAny();
        return pool.withTransaction(tx -> systems.get(tx, sys).map(this::managed).map(SystemGuard::changeable)
                        .flatMap(system -> endpoints.get(tx, system.id(), code)
                                .flatMap(existing -> {
                                    if (existing.endpoint().version() != expectedVersion) {
                                        throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the endpoint changed since you read it");
                                    }
                                    if (config.adminApprovesAddressChanges() && system.status() == SystemStatus.ACTIVE
                                            && EndpointRules.movesCredentials(existing.endpoint(), in.address(),
                                                    in.auth() == null ? null : in.auth().tokenUrl())) {
                                        access.requireAdmin(sys, "move an active system's endpoint to another host");
                                    }
                                    return save(tx, system, in, existing);
                                })))
                .invoke(saved -> events.committed())
                .map(EndpointRecord::endpoint);
    }

    /** Removes an endpoint no service uses, last read at {@code expectedVersion}. */
    public Uni<Void> remove(String systemCode, String endpointCode, int expectedVersion) {
        String sys = Params.slug("systemCode", systemCode);
        String code = Params.slug("endpointCode", endpointCode);
        return pool.withTransaction(tx -> systems.get(tx, sys).map(this::managed).map(SystemGuard::changeable)
                        .flatMap(system -> endpoints.get(tx, system.id(), code)
                                .flatMap(existing -> endpoints.delete(tx, existing.endpoint().id(), expectedVersion)
                                        .call(() -> systems.touch(tx, system.id()))
                                        .call(() -> events.record(tx, "endpoint.removed", sys, existing.endpoint())))))
                .invoke(done -> events.committed());
    }

    private Uni<EndpointRecord> save(SqlConnection tx, InformationSystem system, EndpointInput in, EndpointRecord existing) {
        UUID id = existing == null ? UUID.randomUUID() : existing.endpoint().id();
        EndpointInput.Auth auth = in.auth() == null ? new EndpointInput.Auth("none", null, null, null, null, null, null, null) : in.auth();
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
            if (EndpointRules.movesCredentials(existing.endpoint(), in.address(), auth.tokenUrl())) {
                // Kept, the secret would be sent to a host its owner never gave it to: whoever
                // moves the endpoint there must know it.
                FieldChecks moved = new FieldChecks();
                moved.add("auth.secret", EndpointRules.SECRET_REQUIRED_ON_MOVE,
                        "the endpoint moves to another host (or token URL): send auth.secret again, it is not carried over");
                moved.throwIfAny();
            }
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
                        auth.clientAuthentication(), secretCipher != null, null),
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

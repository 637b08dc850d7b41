package vn.lgsp.hub.connection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.identity.Roles;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.EndpointRecord;
import vn.lgsp.hub.registry.EndpointRepository;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.security.SystemAccess;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The liveness probe an owner registers for an endpoint: read, register or replace, stop. The
 * operations behind {@link ProbeResource} and the console's probe form alike. Role: the system's
 * owners (and admins).
 */
@ApplicationScoped
public class EndpointProbes {

    @Inject
    SystemAccess access;
    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    EndpointRepository endpoints;
    @Inject
    ProbeRepository probes;
    @Inject
    ConnectionsConfig config;

    /** The probe, or null when none is registered. */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<ProbeView> find(String systemCode, String endpointCode) {
        return endpoint(systemCode, endpointCode).flatMap(endpoint -> probes.find(pool, endpoint.endpoint().id()));
    }

    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<ProbeView> save(String systemCode, String endpointCode, ProbeSettings input) {
        if (input == null) {
            throw new ProblemException(ErrorCode.MALFORMED_BODY, "a JSON body is required");
        }
        FieldChecks checks = new FieldChecks();
        input.check(checks, config.minProbeIntervalSeconds());
        checks.throwIfAny();
        Duration interval = Duration.ofSeconds(input.interval());
        Duration first = new ProbeTiming(interval, config.maxBackoff(), config.jitter()).firstDelay(ThreadLocalRandom.current().nextDouble());
        return endpoint(systemCode, endpointCode).flatMap(endpoint -> probes.save(pool, endpoint.endpoint().id(), input, first));
    }

    /** Stops probing; fails with {@code probe-not-found} when there was no probe. Past results age out as usual. */
    @RolesAllowed({Roles.ADMIN, Roles.SYSTEM_OWNER})
    public Uni<Void> stop(String systemCode, String endpointCode) {
        return endpoint(systemCode, endpointCode)
                .flatMap(endpoint -> probes.delete(pool, endpoint.endpoint().id()))
                .map(deleted -> {
                    if (!deleted) {
                        throw notFound();
                    }
                    return null;
                });
    }

    static ProblemException notFound() {
        return ProblemException.field(ErrorCode.PROBE_NOT_FOUND, "endpointCode", "no probe is registered for this endpoint");
    }

    private Uni<EndpointRecord> endpoint(String systemCode, String endpointCode) {
        String system = slug("systemCode", systemCode);
        String code = slug("endpointCode", endpointCode);
        return systems.get(pool, system).flatMap(found -> {
            access.requireManage(found.code(), found.ownerOrg(), "endpoint probes");
            return endpoints.get(pool, found.id(), code);
        });
    }

    static String slug(String name, String value) {
        if (value == null || value.length() > 63 || !FieldChecks.SLUG.matcher(value).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " must be a lowercase code");
        }
        return value;
    }
}

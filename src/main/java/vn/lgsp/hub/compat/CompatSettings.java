package vn.lgsp.hub.compat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.identity.Caller;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.InformationSystem;
import vn.lgsp.hub.registry.RegistryEvents;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.security.SystemAccess;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules for compatibility settings, for the API and the console alike: admins enable a
 * consumer's profile (it decides how a system may authenticate, so owners cannot); the owner of a
 * providing system gives its services their addresses. Every change is audited and published like
 * any registry change, and every instance drops its directory at commit.
 */
@ApplicationScoped
public class CompatSettings {

    @Inject
    Pool pool;
    @Inject
    CompatRepository repository;
    @Inject
    SystemRepository systems;
    @Inject
    SystemAccess access;
    @Inject
    Caller caller;
    @Inject
    RegistryEvents events;
    @Inject
    CompatConfig config;

    public Uni<CompatProfile> profile(String systemCode) {
        return systems.get(pool, systemCode).flatMap(system -> repository.profile(pool, system.code()));
    }

    public Uni<CompatProfile> setProfile(String systemCode, CompatProfileInput in) {
        FieldChecks checks = new FieldChecks();
        in.check(checks);
        checks.throwIfAny();
        access.requireAdmin(systemCode, "set a compatibility profile");
        return pool.withTransaction(tx -> systems.get(tx, systemCode).flatMap(system -> repository.profile(tx, systemCode)
                        .flatMap(before -> repository.saveProfile(tx, system.id(), systemCode, in, caller.name())
                                .call(saved -> events.record(tx, "system.compatibility.updated", systemCode, saved, before)))))
                .invoke(saved -> events.committed());
    }

    public Uni<List<CompatAddress>> addresses(String systemCode) {
        return systems.get(pool, systemCode).flatMap(system -> repository.addresses(pool, system.code()));
    }

    public Uni<CompatAddress> address(String systemCode, String serviceCode) {
        return systems.get(pool, systemCode).flatMap(system -> repository.address(pool, systemCode, serviceCode)).map(found -> {
            if (found == null) {
                throw ProblemException.field(ErrorCode.ADDRESS_NOT_FOUND, "serviceCode", "the service has no compatibility address");
            }
            return found;
        });
    }

    public Uni<CompatAddress> setAddress(String systemCode, String serviceCode, CompatAddressInput in) {
        FieldChecks checks = new FieldChecks();
        in.check(checks);
        if (in.context() != null && servedByTheHub(in.context())) {
            checks.add("context", "reserved", "the hub serves /" + in.context() + " itself (lgsp.compat token or finance paths)");
        }
        checks.throwIfAny();
        return pool.withTransaction(tx -> managed(tx, systemCode, "set a compatibility address")
                        .call(system -> requireService(tx, system, serviceCode))
                        .flatMap(system -> repository.address(tx, systemCode, serviceCode)
                                .flatMap(before -> repository.saveAddress(tx, system.id(), systemCode, serviceCode, in, caller.name())
                                        .call(saved -> events.record(tx, "service.compatibility.updated", systemCode, saved, before)))))
                .invoke(saved -> events.committed());
    }

    public Uni<Void> removeAddress(String systemCode, String serviceCode) {
        return pool.withTransaction(tx -> managed(tx, systemCode, "remove a compatibility address")
                        .flatMap(system -> repository.address(tx, systemCode, serviceCode).flatMap(before -> {
                            if (before == null) {
                                throw ProblemException.field(ErrorCode.ADDRESS_NOT_FOUND, "serviceCode", "the service has no compatibility address");
                            }
                            return repository.deleteAddress(tx, system.id(), serviceCode)
                                    .call(done -> events.record(tx, "service.compatibility.removed", systemCode, Map.of("serviceCode", serviceCode), before));
                        })))
                .invoke(done -> events.committed()).replaceWithVoid();
    }

    private Uni<InformationSystem> managed(io.vertx.mutiny.sqlclient.SqlClient tx, String systemCode, String what) {
        return systems.get(tx, systemCode).invoke(system -> access.requireManage(systemCode, system.ownerOrg(), what));
    }

    private static Uni<Void> requireService(io.vertx.mutiny.sqlclient.SqlClient tx, InformationSystem system, String serviceCode) {
        return tx.preparedQuery("SELECT 1 FROM shared_service WHERE system_id = $1 AND code = $2 LIMIT 1")
                .execute(Tuple.of(system.id(), serviceCode)).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.field(ErrorCode.SERVICE_NOT_FOUND, "serviceCode", "the system shares no service with this code");
                    }
                    return null;
                });
    }

    private boolean servedByTheHub(String context) {
        String lower = context.toLowerCase(Locale.ROOT);
        return config.tokenPaths().stream().anyMatch(path -> firstSegment(path).equals(lower))
                || config.financePaths().stream().anyMatch(path -> firstSegment(path).equals(lower));
    }

    private static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return (slash < 0 ? trimmed : trimmed.substring(0, slash)).toLowerCase(Locale.ROOT);
    }
}

package vn.lgsp.hub.routing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.exchange.Route;
import vn.lgsp.hub.exchange.SharingConfig;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.registry.EndpointRecord;
import vn.lgsp.hub.registry.EndpointRepository;
import vn.lgsp.hub.registry.InformationSystem;
import vn.lgsp.hub.registry.RegistryCache;
import vn.lgsp.hub.registry.RegistryChanges;
import vn.lgsp.hub.registry.ServiceRepository;
import vn.lgsp.hub.registry.ServiceStatus;
import vn.lgsp.hub.registry.SharedService;
import vn.lgsp.hub.registry.SystemRepository;
import vn.lgsp.hub.registry.SystemStatus;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Resolves (provider, service, version) to a {@link Route} from the registry and keeps the
 * answer, refusals included, until the registry changes (or for at most
 * {@code lgsp.registry.cache-ttl}): routing costs no database round trip
 * on the hot path.
 */
@ApplicationScoped
public class RouteTable {

    @Inject
    Pool pool;
    @Inject
    SystemRepository systems;
    @Inject
    ServiceRepository services;
    @Inject
    EndpointRepository endpoints;
    @Inject
    LiveConnectors connectors;
    @Inject
    RegistryChanges changes;
    @Inject
    SharingConfig config;

    /** A route, or the problem that stops one: both are cached. */
    private record Resolution(Route route, ProblemException problem) {
    }

    private RegistryCache<String, Resolution> cache;

    @PostConstruct
    void init() {
        cache = changes.cache(config.routeCacheSize());
    }

    public CompletionStage<Route> resolve(String provider, String service, String version) {
        String key = provider + '/' + service + '/' + (version == null ? "" : version);
        return cache.get(key, () -> load(provider, service, version)).thenApply(resolution -> {
            if (resolution.problem() != null) {
                throw resolution.problem();
            }
            return resolution.route();
        });
    }

    private Uni<Resolution> load(String providerCode, String serviceCode, String version) {
        return systems.find(pool, providerCode).flatMap(provider -> {
            if (provider == null) {
                return refuse(ErrorCode.PROVIDER_NOT_FOUND, "providerCode", "no provider system with this code");
            }
            if (provider.status() != SystemStatus.ACTIVE) {
                return refuse(ErrorCode.PROVIDER_NOT_ACTIVE, "providerCode", "the provider system is " + provider.status().wire());
            }
            return services.list(pool, provider.id()).flatMap(all -> {
                List<SharedService> named = all.stream().filter(s -> s.code().equals(serviceCode)).toList();
                if (named.isEmpty() || (version != null && named.stream().noneMatch(s -> s.version().equals(version)))) {
                    return refuse(ErrorCode.SERVICE_NOT_FOUND, "serviceCode", "the provider shares no such service (or version)");
                }
                SharedService chosen = named.stream()
                        .filter(s -> s.status() == ServiceStatus.PUBLISHED)
                        .filter(s -> version == null || s.version().equals(version))
                        .max(Comparator.comparing(SharedService::version, RouteTable::compareVersions))
                        .orElse(null);
                if (chosen == null) {
                    return refuse(ErrorCode.SERVICE_NOT_PUBLISHED, "serviceCode", "the service is not published");
                }
                return endpoints.findById(pool, chosen.endpointId()).map(endpoint -> route(provider, chosen, endpoint));
            });
        });
    }

    private Resolution route(InformationSystem provider, SharedService service, EndpointRecord record) {
        return new Resolution(new Route(provider.code(), service, record.endpoint(), connectors.of(record)), null);
    }

    private static Uni<Resolution> refuse(ErrorCode code, String field, String detail) {
        return Uni.createFrom().item(new Resolution(null, ProblemException.field(code, field, detail)));
    }

    /** Numeric comparison of versions like {@code v2}, {@code 1.10.0}: 1.10 is newer than 1.9. */
    static int compareVersions(String a, String b) {
        String[] x = a.replaceFirst("^v", "").split("\\.");
        String[] y = b.replaceFirst("^v", "").split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}

package vn.lgsp.hub.events;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.access.ActiveSystems;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.access.ConsumerIdentifier;

/**
 * Which registered system calls the events API: the same {@link ConsumerIdentifier} as the
 * sharing API (a test header today, the OIDC token's client once security is on), and only an
 * active system may publish, subscribe or pull.
 */
@ApplicationScoped
public class Callers {

    @Inject
    ConsumerIdentifier identifier;
    @Inject
    ActiveSystems systems;

    public Uni<String> activeCaller(HttpServerRequest request) {
        return OnContext.await(() -> identifier.identify(request)).flatMap(this::active);
    }

    private Uni<String> active(String caller) {
        if (!FieldChecks.isSlug(caller)) {
            return Uni.createFrom().failure(new ProblemException(ErrorCode.CONSUMER_UNIDENTIFIED,
                    "the request does not identify a registered calling system"));
        }
        return OnContext.await(() -> systems.isActive(caller)).map(active -> {
            if (!active) {
                throw ProblemException.field(ErrorCode.CONSUMER_NOT_ACTIVE, "consumer", "the calling system is not registered or not active");
            }
            return caller;
        });
    }
}

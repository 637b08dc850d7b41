package vn.lgsp.hub.access;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.audit.AuditLog;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;
import vn.lgsp.hub.problem.TransactionIds;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which registered system a request comes from, for every API a system calls (sharing, events):
 * an unidentified caller learns nothing else (not even whether the provider exists), only an
 * active system gets through, and every refusal is audited.
 */
@ApplicationScoped
public class CallerIdentification {

    @Inject
    ConsumerIdentifier identifier;
    @Inject
    ActiveSystems systems;
    @Inject
    AuditLog audit;

    /** The active calling system's code, for an API call outside the pipeline (managing subscriptions, say); refusals audited against the request's path. */
    public CompletionStage<String> activeCaller(HttpServerRequest request) {
        return activeCaller(request, TransactionIds.of(request), request.method().name() + " " + request.path());
    }

    /** The active calling system's code; fails with a 401/403 problem, audited against {@code target}. */
    public CompletionStage<String> activeCaller(HttpServerRequest request, String transactionId, String target) {
        return identifier.identify(request).thenCompose(consumer -> {
            if (!FieldChecks.isSlug(consumer)) {
                denied(request, "unidentified", transactionId, target, ErrorCode.CONSUMER_UNIDENTIFIED);
                return CompletableFuture.failedFuture(new ProblemException(ErrorCode.CONSUMER_UNIDENTIFIED,
                        "the request does not identify a registered calling system"));
            }
            return systems.isActive(consumer).thenCompose(active -> {
                if (!active) {
                    denied(request, consumer, transactionId, target, ErrorCode.CONSUMER_NOT_ACTIVE);
                    return CompletableFuture.failedFuture(notActive());
                }
                return CompletableFuture.completedFuture(consumer);
            });
        });
    }

    static ProblemException notActive() {
        return ProblemException.field(ErrorCode.CONSUMER_NOT_ACTIVE, "consumer", "the calling system is not registered or not active");
    }

    private void denied(HttpServerRequest request, String actor, String transactionId, String target, ErrorCode code) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        audit.denied(AuditLog.Event.accessDenied(actor, "", ip, null, target, transactionId, code.code(), null));
    }
}

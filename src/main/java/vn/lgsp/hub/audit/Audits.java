package vn.lgsp.hub.audit;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.identity.Caller;

import java.util.Map;

/** Records administrative changes and denials on behalf of the current caller. */
@ApplicationScoped
public class Audits {

    @Inject
    AuditLog log;
    @Inject
    Caller caller;

    /** Appends a change in the caller's transaction: who, what, before/after (API views, never secrets). */
    public Uni<Void> change(SqlClient tx, String action, String systemCode, String target, Object before, Object after) {
        return log.append(tx, event(action, "done", systemCode, target, log.change(before, after)));
    }

    /** Queues a denied decision of the current request. */
    public void denied(String systemCode, String target, String code, String detail) {
        log.denied(event("access.denied", "denied", systemCode, target, Map.of("code", code, "detail", detail == null ? "" : detail)));
    }

    /** Queues a refused authentication (the identity is not known, and must not be resolved again). */
    public void unauthenticated(String sourceIp, String transactionId, String target, String code, String detail) {
        log.denied(AuditLog.Event.accessDenied("anonymous", "", sourceIp, null, target, transactionId, code, detail));
    }

    private AuditLog.Event event(String action, String outcome, String systemCode, String target, Object details) {
        if (!Arc.container().requestContext().isActive()) {
            return new AuditLog.Event("hub", "", null, null, action, outcome, systemCode, target, null, details);
        }
        return new AuditLog.Event(caller.name(), caller.roles(), caller.org(), caller.ip(), action, outcome, systemCode, target,
                caller.transactionId(), details);
    }
}

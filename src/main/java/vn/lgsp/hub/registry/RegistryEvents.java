package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.audit.Audits;
import vn.lgsp.hub.outbox.Outbox;

/**
 * Writes a registry change event into the outbox, in the transaction of the change, as a
 * structured CloudEvent keyed by the system code (so one system's events stay in order).
 * The data never holds a secret: it is the same view the API returns.
 */
@ApplicationScoped
public class RegistryEvents {

    @Inject
    Outbox outbox;
    @Inject
    RegistryConfig config;
    @Inject
    RegistryChanges changes;
    @Inject
    Audits audits;

    public Uni<Void> record(SqlClient tx, String type, String systemCode, Object data) {
        return record(tx, type, systemCode, data, null);
    }

    /**
     * Publishes the change and appends it to the audit trail (who, from where, before and after),
     * both in the change's transaction.
     */
    public Uni<Void> record(SqlClient tx, String type, String systemCode, Object data, Object before) {
        return publish(tx, type, systemCode, data).call(() -> audits.change(tx, type, systemCode, null, before, data));
    }

    private Uni<Void> publish(SqlClient tx, String type, String systemCode, Object data) {
        return outbox.addEvent(tx, config.eventsTopic(), type, systemCode, data);
    }

    /** Call after the change's transaction committed: publishes its events and refreshes this instance's caches. */
    public void committed() {
        outbox.committed();
        changes.changed();
    }
}

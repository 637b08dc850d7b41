package vn.lgsp.hub.connection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.outbox.Outbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code connection.status_changed} CloudEvents into the outbox, in the transaction that
 * writes the status history row, keyed by catalogue id so one entry's changes stay in order.
 */
@ApplicationScoped
public class ConnectionEvents {

    static final String TYPE = "connection.status_changed";

    @Inject
    Outbox outbox;
    @Inject
    ConnectionsConfig config;

    Uni<Void> statusChanged(SqlClient tx, String catalogueId, String systemCode, ConnectionStatus previous, ConnectionState state) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("catalogueId", catalogueId);
        data.put("systemCode", systemCode);
        data.put("previousStatus", previous == null ? null : previous.wire());
        data.put("status", state.status().wire());
        data.put("since", text(state.since()));
        data.put("cause", state.cause());
        data.put("causeSince", text(state.causeSince()));
        return outbox.addEvent(tx, config.eventsTopic(), TYPE, catalogueId, data);
    }

    void committed() {
        outbox.committed();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

package vn.lgsp.hub.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code lgsp_connections{status=...}}: how many catalogue entries have each settled
 * status. Read from the database, so every instance shows the same numbers whichever of them
 * evaluated.
 */
@ApplicationScoped
public class ConnectionMetrics {

    private final Map<ConnectionStatus, AtomicLong> counts = new EnumMap<>(ConnectionStatus.class);

    @Inject
    ConnectionMetrics(MeterRegistry registry) {
        for (ConnectionStatus status : ConnectionStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("lgsp.connections", count, AtomicLong::get)
                    .description("Catalogue entries by connection status")
                    .tag("status", status.wire())
                    .register(registry);
        }
    }

    Uni<Void> refresh(SqlClient db) {
        return db.query("SELECT status, count(*) AS n FROM connection_state GROUP BY status").execute().map(rows -> {
            Map<ConnectionStatus, Long> seen = new EnumMap<>(ConnectionStatus.class);
            for (Row row : rows) {
                seen.put(ConnectionStatus.fromWire(row.getString("status")), row.getLong("n"));
            }
            counts.forEach((status, count) -> count.set(seen.getOrDefault(status, 0L)));
            return null;
        });
    }
}

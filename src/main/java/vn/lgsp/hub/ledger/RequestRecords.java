package vn.lgsp.hub.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Makes each call's request record durable before the call goes on to its provider,
 * group-committed into {@code ledger_request} in one statement per batch. Kept apart from the
 * outcome's commit (rollups, outbox) so that this write, paid before every forwarded call, stays
 * one narrow insert.
 */
@ApplicationScoped
public class RequestRecords {

    private static final UnnestInsert<RequestRecord> ROWS = new UnnestInsert<RequestRecord>("ledger_request")
            .column("received_day", "date", LocalDate[]::new, r -> LedgerWriter.day(r.receivedAt()))
            .column("consumer_code", "text", String[]::new, RequestRecord::consumerCode)
            .column("transaction_id", "text", String[]::new, RequestRecord::transactionId)
            .column("received_at", "timestamptz", OffsetDateTime[]::new, r -> LedgerWriter.utc(r.receivedAt()))
            .column("provider_code", "text", String[]::new, RequestRecord::providerCode)
            .column("service_code", "text", String[]::new, RequestRecord::serviceCode)
            .column("service_version", "text", String[]::new, RequestRecord::serviceVersion)
            .column("connector_type", "text", String[]::new, RequestRecord::connectorType)
            .column("http_method", "text", String[]::new, RequestRecord::httpMethod)
            .column("path_pattern", "text", String[]::new, RequestRecord::pathPattern)
            .column("hub_instance", "text", String[]::new, RequestRecord::hubInstance)
            .column("correlation_id", "text", String[]::new, RequestRecord::correlationId)
            .column("client_profile", "text", String[]::new, RequestRecord::clientProfile);
    private static final String INSERT = ROWS.sql("ON CONFLICT DO NOTHING");

    @Inject
    Pool pool;
    @Inject
    LedgerConfig config;
    @Inject
    LedgerProbe probe;
    @Inject
    MeterRegistry registry;

    private GroupCommit<RequestRecord> commits;

    @PostConstruct
    void init() {
        commits = new GroupCommit<>("request", config.maxBatch(), config.maxInFlight(), config.maxQueued(), config.commitDeadline(),
                config.failFastWindow(), (batch, slot) -> write(batch), registry);
        commits.refuseWhile(probe::overdue);
    }

    /** Completes when the record is committed; fails when it was not, in time. */
    Future<Void> record(RequestRecord record) {
        return commits.add(record);
    }

    GroupCommit<RequestRecord> commits() {
        return commits;
    }

    private Uni<Void> write(List<RequestRecord> batch) {
        // One statement: the pool's implicit transaction is the commit, without BEGIN and COMMIT round trips.
        return pool.preparedQuery(INSERT).execute(ROWS.values(batch)).replaceWithVoid();
    }
}

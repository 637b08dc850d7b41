package vn.lgsp.hub.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.config.HubConfig;
import vn.lgsp.hub.ledger.LedgerConfig;
import vn.lgsp.hub.ledger.LedgerEntry;
import vn.lgsp.hub.ledger.LedgerWriter;

import java.time.Instant;

/**
 * Every publication and every delivery attempt is a ledger transaction (group-committed by
 * {@link LedgerWriter}, counted in the hourly rollups and streamed like sharing transactions):
 * consumer = the system that received or sent the event, service = the event type, connector =
 * {@code kafka-publish}, {@code push} or {@code pull}.
 */
@ApplicationScoped
public class EventLedger {

    public static final String PUBLISH = "kafka-publish";
    public static final String PUSH = "push";
    public static final String PULL = "pull";

    @Inject
    LedgerWriter writer;
    @Inject
    LedgerConfig config;
    @Inject
    HubConfig hub;

    /** One transaction; completes once committed. */
    public Uni<Void> record(String transactionId, Instant started, String consumer, String provider, String eventType,
                            String version, String connector, String method, String path, Instant sentAt, Instant answeredAt,
                            long requestBytes, long responseBytes, int status, boolean success, String errorCode, String fault) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Instant end = answeredAt != null ? answeredAt : Instant.now();
        long micros = Math.max(0, java.time.Duration.between(started, end).toNanos() / 1_000);
        LedgerEntry entry = new LedgerEntry(transactionId, started, consumer, provider, eventType, version, connector, method, path,
                sentAt, answeredAt, micros, requestBytes, responseBytes, status, success, errorCode,
                fault == null || fault.length() <= 500 ? fault : fault.substring(0, 500), null, hub.instance());
        return OnContext.await(() -> writer.record(entry).toCompletionStage());
    }
}

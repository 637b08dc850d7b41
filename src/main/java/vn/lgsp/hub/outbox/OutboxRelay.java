package vn.lgsp.hub.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka in id order and deletes them once Kafka acknowledged them
 * (acks=all, idempotent producer). One relay runs at a time across all hub instances (a
 * transaction-scoped advisory lock), which keeps events of one key in commit order. A crash
 * between the acknowledgement and the delete re-sends the batch: delivery is at least once and
 * every event carries a unique id for consumers to de-duplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x4c47_5350_4f42L; // "LGSPOB": one relay cluster-wide

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    OutboxConfig config;
    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<String> emitter;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile long backoffUntil;
    private volatile boolean stopped;
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wakeUp());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Runs a relay round now, or right after the one in progress. */
    public void wakeUp() {
        if (stopped || System.currentTimeMillis() < backoffUntil) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        pool.withTransaction(this::relayBatch)
                .subscribe().with(this::roundDone, this::roundFailed);
    }

    private void roundDone(Integer sent) {
        running.set(false);
        if (sent >= config.batchSize() || again.get()) {
            wakeUp();
        }
    }

    private void roundFailed(Throwable failure) {
        LOG.warnf("outbox relay could not publish, retrying in %s: %s", config.retryBackoff(), failure.toString());
        backoffUntil = System.currentTimeMillis() + config.retryBackoff().toMillis();
        running.set(false);
    }

    private Uni<Integer> relayBatch(SqlConnection tx) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .flatMap(locked -> {
                    if (!locked.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.preparedQuery("SELECT id, topic, record_key, payload FROM outbox ORDER BY id LIMIT $1")
                            .execute(Tuple.of(config.batchSize()))
                            .flatMap(rows -> publish(tx, rows));
                });
    }

    private Uni<Integer> publish(SqlConnection tx, io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Void>> sends = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(row.getString("topic"))
                    .withKey(row.getString("record_key"))
                    .build();
            sends.add(emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata)));
        }
        return Uni.join().all(sends).andFailFast()
                .ifNoItem().after(config.sendTimeout()).failWith(() -> new IllegalStateException("Kafka did not acknowledge in time"))
                .flatMap(acked -> tx.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                        .execute(Tuple.of(ids.toArray(new Long[0]))))
                .map(deleted -> ids.size());
    }
}

package vn.lgsp.hub.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** Never sent through: it declares the channel whose configured producer {@link #sendAll} uses. */
    @Inject
    @Channel("outbox")
    MutinyEmitter<String> channel;
    @Inject
    KafkaClientService kafka;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile long backoffUntil;
    private volatile long lastRoundStarted;
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

    /**
     * Runs a relay round now, or after the one in progress; never sooner than
     * {@code lgsp.outbox.round-interval} after the previous round started, so under load each
     * round carries many events (one round per commit cost Kafka a request per handful of events).
     */
    public void wakeUp() {
        long now = System.currentTimeMillis();
        if (stopped || now < backoffUntil) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        long wait = lastRoundStarted + config.roundInterval().toMillis() - now;
        if (wait > 0) {
            vertx.setTimer(wait, id -> startRound());
        } else {
            startRound();
        }
    }

    private void startRound() {
        if (stopped) {
            running.set(false);
            return;
        }
        lastRoundStarted = System.currentTimeMillis();
        pool.withTransaction(this::relayBatch)
                .subscribe().with(this::roundDone, this::roundFailed);
    }

    private void roundDone(Integer sent) {
        running.set(false);
        if (sent >= config.batchSize()) {
            lastRoundStarted = 0; // a backlog: no reason to wait
            wakeUp();
        } else if (again.get()) {
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
        List<ProducerRecord<String, String>> records = new ArrayList<>(rows.size());
        Long[] ids = new Long[rows.size()];
        for (Row row : rows) {
            ids[records.size()] = row.getLong("id");
            records.add(new ProducerRecord<>(row.getString("topic"), row.getString("record_key"), row.getString("payload")));
        }
        return sendAll(records)
                .ifNoItem().after(config.sendTimeout()).failWith(() -> new IllegalStateException("Kafka did not acknowledge in time"))
                .flatMap(acked -> tx.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)").execute(Tuple.of(ids)))
                .map(deleted -> ids.length);
    }

    /**
     * Hands the whole round to the producer in one go on its sending thread, so the round leaves
     * as one request per partition (a message at a time through the emitter cost Kafka a request
     * per handful of events), and completes when Kafka acknowledged every record.
     */
    private Uni<Void> sendAll(List<ProducerRecord<String, String>> records) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        AtomicInteger waiting = new AtomicInteger(records.size());
        KafkaProducer<String, String> producer = kafka.getProducer("outbox");
        return producer.runOnSendingThread(kafkaProducer -> {
            for (ProducerRecord<String, String> record : records) {
                kafkaProducer.send(record, (metadata, error) -> {
                    if (error != null) {
                        acknowledged.completeExceptionally(error);
                    } else if (waiting.decrementAndGet() == 0) {
                        acknowledged.complete(null);
                    }
                });
            }
        }).flatMap(handedOver -> Uni.createFrom().completionStage(acknowledged));
    }
}

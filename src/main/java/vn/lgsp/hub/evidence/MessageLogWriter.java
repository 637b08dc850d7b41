package vn.lgsp.hub.evidence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.config.InstanceName;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Appends records to this instance's chain, one writer at a time: a batch is chained from the
 * committed head only when it is written, so a failed write leaves nothing half-linked (the batch
 * goes back to the front of the queue and is chained afresh). Two processes that share an instance
 * name cannot fork the chain either: the second insert of a sequence number fails on the primary
 * key, and the writer re-reads the head.
 *
 * <p>Nobody waits for this write (the ledger row already counts the call); the queue is bounded
 * through {@link #accepting()}, which the stage checks before a call goes on. Thread-safe:
 * records arrive from any event loop.
 */
@ApplicationScoped
public class MessageLogWriter {

    private static final Logger LOG = Logger.getLogger(MessageLogWriter.class);

    private static final String INSERT = "INSERT INTO message_log (hub_instance, seq, transaction_id, logged_at, record, record_sha256, chain_sha256) "
            + "SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::bytea[], $7::bytea[])";
    private static final String HEAD = "SELECT seq, chain_sha256, transaction_id FROM message_log WHERE hub_instance = $1 ORDER BY seq DESC LIMIT 1";

    /** The last record committed to the chain: where the next one links. */
    public record Head(long seq, byte[] chain) {
        static final Head EMPTY = new Head(0, HashChain.GENESIS);
    }

    @Inject
    MessageLogConfig config;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    InstanceName instance;
    @Inject
    MeterRegistry registry;

    private final ArrayDeque<LoggedTransaction> queue = new ArrayDeque<>();
    private final List<Consumer<Head>> listeners = new CopyOnWriteArrayList<>();
    private Counter lost;
    private volatile Head head;
    private boolean writing;
    /** The last transaction of a batch whose write failed without saying whether it was applied. */
    private String uncertainLast;
    private int uncertainSize;

    @PostConstruct
    void init() {
        lost = Counter.builder("lgsp.message.log.lost").description("Records dropped because the message log's queue overflowed")
                .register(registry);
        Gauge.builder("lgsp.message.log.queued", this, w -> w.queued()).description("Records waiting to be written to the message log")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            vertx.setPeriodic(config.flushInterval().toMillis(), id -> kick(1));
            kick(1);
        }
    }

    /**
     * Waits until every queued record is written, or {@code timeout} passed: at shutdown only (it
     * blocks), after the last calls were answered.
     */
    synchronized boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((!queue.isEmpty() || writing) && System.nanoTime() < deadline) {
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return queue.isEmpty() && !writing;
    }

    /** Takes the record; it is written at the next flush, or at once when it fills a batch. */
    public void append(LoggedTransaction transaction) {
        synchronized (this) {
            // The stage stops new calls at maxQueued; calls already past it may still add theirs.
            if (queue.size() >= 2 * config.maxQueued()) {
                lost.increment();
                LOG.errorf("message log queue full: the record of %s is lost", transaction.transactionId());
                return;
            }
            queue.add(transaction);
            if (writing || queue.size() < config.maxBatch()) {
                return;
            }
        }
        kick(config.maxBatch());
    }

    /** False while so many records wait that a new call might not get one. */
    public boolean accepting() {
        return queued() < config.maxQueued();
    }

    /** The committed head, or null before it was read at start. */
    public Head head() {
        return head;
    }

    /** Called, on an event loop, after every commit that advanced the chain. */
    void onCommitted(Consumer<Head> listener) {
        listeners.add(listener);
    }

    synchronized int queued() {
        return queue.size();
    }

    /** Writes the next batch if the writer is free and at least {@code minimum} records wait (reads the head first if unknown). */
    private void kick(int minimum) {
        List<LoggedTransaction> batch;
        synchronized (this) {
            if (writing) {
                return;
            }
            if (head != null && (queue.isEmpty() || queue.size() < minimum)) {
                return;
            }
            writing = true;
            if (head == null) {
                batch = null;
            } else {
                int n = Math.min(queue.size(), config.maxBatch());
                batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(queue.poll());
                }
            }
        }
        if (batch == null) {
            readHead();
        } else {
            write(batch, head);
        }
    }

    private void readHead() {
        pool.preparedQuery(HEAD).execute(Tuple.of(instance.value())).subscribe().with(this::headRead, failure -> {
            LOG.warnf("cannot read the message log's head: %s", failure.toString());
            retryLater();
        });
    }

    private void headRead(RowSet<Row> rows) {
        Head read = Head.EMPTY;
        String last = null;
        for (Row row : rows) {
            read = new Head(row.getLong(0), row.getBuffer(1).getBytes());
            last = row.getString(2);
        }
        synchronized (this) {
            if (uncertainLast != null && uncertainLast.equals(last)) {
                // The failed write was applied after all: its records are in the chain already.
                for (int i = 0; i < uncertainSize && !queue.isEmpty(); i++) {
                    queue.poll();
                }
            }
            uncertainLast = null;
            head = read;
            writing = false;
        }
        Head known = read;
        listeners.forEach(listener -> listener.accept(known));
        kick(1);
    }

    private void write(List<LoggedTransaction> batch, Head from) {
        int n = batch.size();
        Long[] seqs = new Long[n];
        String[] ids = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] texts = new String[n];
        Buffer[] digests = new Buffer[n];
        Buffer[] chains = new Buffer[n];
        byte[] chain = from.chain();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            long seq = from.seq() + 1 + i;
            String text = MessageRecordJson.write(new MessageRecord(MessageRecord.FORMAT, instance.value(), seq, batch.get(i)));
            byte[] digest = HashChain.recordDigest(text);
            chain = HashChain.link(chain, digest);
            seqs[i] = seq;
            ids[i] = batch.get(i).transactionId();
            times[i] = now;
            texts[i] = text;
            digests[i] = Buffer.buffer(digest);
            chains[i] = Buffer.buffer(chain);
        }
        Head next = new Head(from.seq() + n, chain);
        pool.preparedQuery(INSERT).execute(Tuple.of(instance.value(), seqs, ids, times, texts, digests).addValue(chains))
                .subscribe().with(done -> {
                    synchronized (this) {
                        head = next;
                        writing = false;
                    }
                    listeners.forEach(listener -> listener.accept(next));
                    kick(config.maxBatch());
                }, failure -> {
                    LOG.warnf("could not write %d message log records (kept, retried): %s", n, failure.toString());
                    synchronized (this) {
                        for (int i = n - 1; i >= 0; i--) {
                            queue.addFirst(batch.get(i));
                        }
                        uncertainLast = ids[n - 1];
                        uncertainSize = n;
                        head = null;
                    }
                    retryLater();
                });
    }

    private void retryLater() {
        vertx.setTimer(1000, id -> {
            synchronized (this) {
                writing = false;
            }
            kick(1);
        });
    }
}

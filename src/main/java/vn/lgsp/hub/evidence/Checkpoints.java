package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.outbox.Outbox;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Seals the chain: every {@code checkpoint-records} records or {@code checkpoint-interval}, signs
 * its head with the hub's key, time-stamps the signature where an authority is configured, and
 * stores the checkpoint with its copy for Kafka in one transaction (through the outbox, so the
 * copy outside the database is published exactly when the checkpoint exists). One checkpoint at
 * a time; a failed one is tried again at the next tick, covering everything since the last.
 *
 * <p>While records stay unsigned past the grace period, {@code stop} refuses new calls and
 * readiness is down ({@link MessageLogReadiness}); {@code alert} keeps serving and reports it.
 */
@ApplicationScoped
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);
    private static final String LAST = "SELECT last_seq, body FROM message_log_checkpoint WHERE hub_instance = $1 ORDER BY last_seq DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO message_log_checkpoint (hub_instance, last_seq, first_seq, created_at, body, "
            + "signature_alg, signature, certificates, time_stamp) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    @Inject
    MessageLogConfig config;
    @Inject
    MessageLogWriter writer;
    @Inject
    HubSigner signer;
    @Inject
    TimeStampClient timeStamps;
    @Inject
    Pool pool;
    @Inject
    Outbox outbox;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper mapper;
    @Inject
    InstanceName instance;
    @Inject
    MeterRegistry registry;

    /** The last checkpoint's last sequence number and body digest (hex); -1 until read. */
    private volatile long signedSeq = -1;
    private volatile String previousBodySha256;
    /** Since when ({@link System#nanoTime()}) records wait for a checkpoint; 0: none wait. */
    private volatile long unsignedSince;
    private volatile String lastFailure;
    /** One checkpoint (or reading the last one) at a time. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private Counter failures;
    private long timer = -1;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        failures = Counter.builder("lgsp.message.log.signing.failures").description("Checkpoints that could not be signed, time-stamped or stored")
                .register(registry);
        Gauge.builder("lgsp.message.log.unsigned.seconds", this, c -> c.unsignedSeconds())
                .description("How long the oldest record not covered by a checkpoint has waited").register(registry);
        writer.onCommitted(this::advanced);
        timer = vertx.setPeriodic(Math.max(100, Math.min(1000, config.checkpointInterval().toMillis() / 2)), id -> tick());
    }

    /**
     * Writes what is queued and signs the tail before the hub stops, so that the last calls have
     * evidence even when this instance's name (and chain) is not used again.
     */
    void stop(@Observes ShutdownEvent event) {
        if (timer < 0) {
            return;
        }
        vertx.cancelTimer(timer);
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        if (!writer.drain(SHUTDOWN_WAIT)) {
            LOG.warnf("%d message log records not written before the hub stopped", writer.queued());
        }
        MessageLogWriter.Head head = writer.head();
        while (head != null && head.seq() > signedSeq && signedSeq >= 0 && System.nanoTime() < deadline) {
            try {
                seal().toCompletionStage().toCompletableFuture().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                // A checkpoint begun by the timer may still be under way: give it a moment, then look again.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                head = writer.head();
            } catch (Exception e) {
                LOG.warnf("the message log's last records (after #%d) are not signed: %s", signedSeq, e.toString());
                return;
            }
        }
    }

    /** False while {@code stop} applies: records have stayed unsigned longer than the grace period. */
    public boolean accepting() {
        return config.onSigningFailure() == MessageLogConfig.OnSigningFailure.ALERT || !overdue();
    }

    /** Seconds the oldest record not covered by a checkpoint has waited (0: none waits). */
    long unsignedSeconds() {
        long since = unsignedSince;
        return since == 0 ? 0 : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    /** Why the last checkpoint failed, while records are overdue; else null. */
    String overdueBecause() {
        return overdue() ? lastFailure : null;
    }

    private boolean overdue() {
        long since = unsignedSince;
        return since != 0 && System.nanoTime() - since > config.signingGracePeriod().toNanos();
    }

    private void advanced(MessageLogWriter.Head head) {
        if (signedSeq >= 0 && head.seq() > signedSeq && unsignedSince == 0) {
            unsignedSince = System.nanoTime();
        }
        if (signedSeq >= 0 && head.seq() - signedSeq >= config.checkpointRecords()) {
            seal();
        }
    }

    private void tick() {
        if (signedSeq < 0) {
            readLast();
            return;
        }
        long since = unsignedSince;
        if (since != 0 && System.nanoTime() - since >= config.checkpointInterval().toNanos()) {
            seal();
        }
    }

    private void readLast() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        pool.preparedQuery(LAST).execute(Tuple.of(instance.value())).subscribe().with(rows -> {
            long seq = 0;
            String digest = null;
            for (Row row : rows) {
                seq = row.getLong(0);
                digest = hex(HashChain.sha256(row.getString(1).getBytes(StandardCharsets.UTF_8)));
            }
            previousBodySha256 = digest;
            signedSeq = seq;
            busy.set(false);
            MessageLogWriter.Head head = writer.head();
            if (head != null) {
                advanced(head);
            }
        }, failure -> {
            busy.set(false);
            LOG.warnf("cannot read the last message log checkpoint: %s", failure.toString());
        });
    }

    /** Completes when this attempt is over (at once when there is nothing to sign or one is under way). */
    private Future<Void> seal() {
        MessageLogWriter.Head head = writer.head();
        if (head == null || head.seq() <= signedSeq || !busy.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        long first = signedSeq + 1;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String body;
        try {
            body = mapper.writeValueAsString(new CheckpointBody(CheckpointBody.FORMAT, instance.value(), first, head.seq(),
                    hex(head.chain()), previousBodySha256, now.toInstant().toString()));
        } catch (JsonProcessingException e) {
            busy.set(false);
            throw new IllegalStateException(e);
        }
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        return vertx.<HubSigner.Signed>executeBlocking(() -> signer.sign(bodyBytes), false)
                .compose(signed -> (timeStamps.configured() ? timeStamps.stamp(HashChain.sha256(signed.signature()))
                        : Future.<byte[]>succeededFuture(null)).compose(stamp -> store(head, first, now, body, signed, stamp)))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        previousBodySha256 = hex(HashChain.sha256(bodyBytes));
                        signedSeq = head.seq();
                        MessageLogWriter.Head latest = writer.head();
                        unsignedSince = latest != null && latest.seq() > head.seq() ? System.nanoTime() : 0;
                        lastFailure = null;
                    } else {
                        failures.increment();
                        String cause = done.cause().toString();
                        if (!cause.equals(lastFailure)) {
                            // Tried again every tick: said once per cause, counted every time.
                            LOG.warnf("message log checkpoint up to %d not made (tried again): %s", head.seq(), cause);
                        }
                        lastFailure = cause;
                    }
                    busy.set(false);
                }).mapEmpty();
    }

    private Future<Void> store(MessageLogWriter.Head head, long first, OffsetDateTime now, String body, HubSigner.Signed signed,
                               byte[] stamp) {
        Buffer[] certificates;
        Map<String, Object> copy = new LinkedHashMap<>();
        try {
            List<X509Certificate> chain = signed.certificates();
            certificates = new Buffer[chain.size()];
            String[] encoded = new String[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                certificates[i] = Buffer.buffer(chain.get(i).getEncoded());
                encoded[i] = Base64.getEncoder().encodeToString(chain.get(i).getEncoded());
            }
            copy.put("body", body);
            copy.put("signatureAlgorithm", signed.algorithm());
            copy.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
            copy.put("certificates", encoded);
            copy.put("timeStamp", stamp == null ? null : Base64.getEncoder().encodeToString(stamp));
        } catch (CertificateEncodingException e) {
            return Future.failedFuture(e);
        }
        Tuple values = Tuple.of(instance.value(), head.seq(), first, now, body, signed.algorithm())
                .addValue(Buffer.buffer(signed.signature())).addValue(certificates).addValue(stamp == null ? null : Buffer.buffer(stamp));
        String payload;
        try {
            payload = mapper.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        return Future.fromCompletionStage(pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(values)
                        .call(() -> outbox.add(tx, config.topic(), instance.value(), payload)))
                .invoke(outbox::committed).replaceWithVoid().subscribeAsCompletionStage());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

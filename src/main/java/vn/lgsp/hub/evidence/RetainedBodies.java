package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.audit.Audits;
import vn.lgsp.hub.config.InstanceName;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;

/**
 * The bodies kept for services that opted in ({@code bodyRetentionDays}): sealed off the event
 * loop, stored beside the message log, read back only by admins (each read audited in the same
 * transaction, and checked against the digest the signed record holds), and deleted once their
 * retention passed. Nobody waits for a body to be stored; one that cannot be is logged and counted
 * ({@code lgsp_message_log_bodies_lost_total}), its digest still in the signed record.
 */
@ApplicationScoped
public class RetainedBodies {

    private static final Logger LOG = Logger.getLogger(RetainedBodies.class);

    private static final String INSERT = "INSERT INTO message_log_body (transaction_id, part, hub_instance, content_type, body_bytes, "
            + "omitted, key_id, ciphertext, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT b.content_type, b.omitted, b.key_id, b.ciphertext, b.expires_at, "
            + "(SELECT m.record FROM message_log m WHERE m.transaction_id = b.transaction_id ORDER BY m.logged_at LIMIT 1) "
            + "FROM message_log_body b WHERE b.transaction_id = $1 AND b.part = $2 AND b.expires_at > now()";
    private static final String PURGE = "DELETE FROM message_log_body WHERE ctid = ANY (ARRAY(SELECT ctid FROM message_log_body "
            + "WHERE expires_at <= now() LIMIT 10000))";

    /** Which body of a transaction. */
    public enum Part {
        REQUEST, RESPONSE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        String digestField() {
            return this == REQUEST ? "requestBodySha256" : "responseBodySha256";
        }

        static Part fromWire(String value) {
            for (Part part : values()) {
                if (part.wire().equals(value)) {
                    return part;
                }
            }
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "part", "part must be request or response");
        }
    }

    /** A body as read back: its content and the SHA-256 it matched in the signed record. */
    public record Body(String contentType, byte[] content, String sha256, OffsetDateTime expiresAt) {
    }

    @Inject
    MessageLogConfig config;
    @Inject
    BodyCipher cipher;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    InstanceName instance;
    @Inject
    Audits audits;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    private Counter lost;

    @PostConstruct
    void init() {
        lost = Counter.builder("lgsp.message.log.bodies.lost").description("Opted-in bodies that could not be stored").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            vertx.setPeriodic(config.bodies().purgeInterval().toMillis(), id -> purge());
        }
    }

    /** A copy of the body passing through {@code body}, kept if it ends within the size limit. */
    BodyCapture capture(io.vertx.core.streams.ReadStream<Buffer> body) {
        return new BodyCapture(body, config.bodies().maxBytes());
    }

    /** Stores what {@code capture} saw of a delivered call's body, for {@code days} days. */
    void keep(String transactionId, Part part, String contentType, BodyCapture capture, int days) {
        if (!capture.ended()) {
            return;
        }
        byte[] plain = capture.body();
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(days);
        vertx.<BodyCipher.Sealed>executeBlocking(() -> plain == null ? null : cipher.seal(plain, transactionId, part.wire()), false)
                .onComplete(sealing -> {
                    if (sealing.failed()) {
                        lost(transactionId, part, sealing.cause());
                        return;
                    }
                    BodyCipher.Sealed sealed = sealing.result();
                    Tuple row = Tuple.tuple().addString(transactionId).addString(part.wire()).addString(instance.value())
                            .addString(contentType == null ? null : contentType.substring(0, Math.min(contentType.length(), 200)))
                            .addLong(capture.size()).addString(sealed == null ? "too-large" : null)
                            .addString(sealed == null ? null : sealed.keyId())
                            .addValue(sealed == null ? null : Buffer.buffer(sealed.ciphertext()))
                            .addOffsetDateTime(expires);
                    pool.preparedQuery(INSERT).execute(row).subscribe().with(done -> { }, failure -> lost(transactionId, part, failure));
                });
    }

    private void lost(String transactionId, Part part, Throwable failure) {
        lost.increment();
        // Never the failure's text: a client error can quote the parameters, content included.
        String cause = failure instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState() + " " + pg.getErrorMessage()
                : failure.getClass().getSimpleName();
        LOG.warnf("the %s body of %s could not be kept: %s", part.wire(), transactionId, cause);
    }

    /**
     * The body, opened and checked against the digest in the transaction's signed record; the
     * read is audited in the same transaction, so no content leaves without its audit entry.
     */
    public Uni<Body> read(String transactionId, Part part) {
        ProblemException invalid = EvidenceBundles.invalidId(transactionId);
        if (invalid != null) {
            return Uni.createFrom().failure(invalid);
        }
        return pool.withTransaction(tx -> tx.preparedQuery(SELECT).execute(Tuple.of(transactionId, part.wire())).flatMap(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            if (row == null || row.getString(1) != null) {
                return Uni.createFrom().failure(new ProblemException(ErrorCode.BODY_NOT_KEPT, row == null
                        ? "no " + part.wire() + " body of transaction " + transactionId + " is kept"
                        : "the " + part.wire() + " body of transaction " + transactionId + " was over the size limit; only its digest is kept"));
            }
            byte[] content = cipher.open(row.getString(2), row.getBuffer(3).getBytes(), transactionId, part.wire());
            if (content == null) {
                return Uni.createFrom().failure(new ProblemException(ErrorCode.BODY_UNREADABLE,
                        "the kept body does not open with the configured keys (key " + row.getString(2) + ")"));
            }
            String sha256 = HexFormat.of().formatHex(HashChain.sha256(content));
            String signed = signedDigest(row.getString(5), part);
            if (!sha256.equals(signed)) {
                return Uni.createFrom().failure(new ProblemException(ErrorCode.BODY_UNREADABLE, signed == null
                        ? "the transaction's message-log record is not written yet or holds no digest of this body; retry shortly"
                        : "the kept body no longer matches the digest in the signed record"));
            }
            return audits.change(tx, "message-log.body.read", null, "transactions/" + transactionId + "/bodies/" + part.wire(), null,
                            Map.of("bytes", content.length, "sha256", sha256))
                    .map(done -> new Body(row.getString(0), content, sha256, row.getOffsetDateTime(4)));
        }));
    }

    private String signedDigest(String record, Part part) {
        if (record == null) {
            return null;
        }
        try {
            JsonNode digest = mapper.readTree(record).path("transaction").path(part.digestField());
            return digest.isTextual() ? digest.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void purge() {
        purgeNow().subscribe().with(deleted -> {
            if (deleted > 0) {
                LOG.infof("deleted %d kept bodies past their retention", deleted);
            }
        }, failure -> LOG.warnf("could not delete expired bodies: %s", failure.toString()));
    }

    /** Deletes up to 10,000 bodies past their retention (the timer calls it every {@code purge-interval}). */
    Uni<Integer> purgeNow() {
        return pool.query(PURGE).execute().map(rows -> rows.rowCount());
    }
}

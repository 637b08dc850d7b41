package vn.lgsp.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.outbox.Outbox;
import vn.lgsp.hub.identity.SecurityConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The append-only, hash-chained audit trail in PostgreSQL, each entry also published to Kafka
 * (topic {@code lgsp.audit}) through the outbox. Entries are appended under a cluster-wide
 * advisory lock, in the transaction of the change they record, so the chain has no forks and an
 * entry exists if and only if its change was committed. Denied requests are queued and written
 * in batches off the request path, so a flood of refused requests cannot stall the hub.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final long CHAIN_LOCK = 0x4c47_5350_4155L; // "LGSPAU"
    public static final String GENESIS = "0".repeat(64);
    static final String COLUMNS = "seq, occurred_at, actor, actor_roles, actor_org, source_ip, action, outcome, system_code, "
            + "owner_org, target, transaction_id, details, prev_hash, hash";

    @Inject
    Pool pool;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;
    @Inject
    SecurityConfig config;
    @Inject
    Vertx vertx;

    /** What a caller did; the chain fields are filled in when it is appended. */
    public record Event(String actor, String actorRoles, String actorOrg, String sourceIp, String action, String outcome,
                        String systemCode, String target, String transactionId, Object details) {

        /**
         * A sharing call refused before it was routed (no such provider, service or operation, a
         * path or header refused), so that it has no ledger row: kept here, findable by its id.
         */
        public static Event refused(String actor, String sourceIp, String systemCode, String target, String transactionId,
                                    String code, String detail) {
            return new Event(actor, "", null, sourceIp, "sharing.refused", "denied", systemCode, target, transactionId,
                    detail == null ? Map.of("code", code) : Map.of("code", code, "detail", detail));
        }

        /** A refused call: who (a system code, or {@code anonymous}), from where, to what, and the problem's code and detail. */
        public static Event accessDenied(String actor, String actorRoles, String sourceIp, String systemCode, String target,
                                         String transactionId, String code, String detail) {
            return new Event(actor, actorRoles == null ? "" : actorRoles, null, sourceIp, "access.denied", "denied", systemCode,
                    target, transactionId, detail == null ? Map.of("code", code) : Map.of("code", code, "detail", detail));
        }
    }

    private final ConcurrentLinkedQueue<Event> denied = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.audit().deniedFlushInterval().toMillis(), id -> flushDenied());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Appends entries inside the caller's transaction (which must be one: the chain lock is transaction-scoped). */
    public Uni<Void> append(SqlClient tx, List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> codes = events.stream().map(Event::systemCode).filter(java.util.Objects::nonNull).distinct().toList();
        return tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(CHAIN_LOCK))
                .flatMap(locked -> tx.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").execute())
                .flatMap(last -> tx.preparedQuery("SELECT code, owner_org FROM information_system WHERE code = ANY($1)")
                        .execute(Tuple.of(codes.toArray(new String[0])))
                        .flatMap(orgs -> {
                            Map<String, String> ownerOrgs = new HashMap<>();
                            orgs.forEach(row -> ownerOrgs.put(row.getString(0), row.getString(1)));
                            long seq = last.size() == 0 ? 0 : last.iterator().next().getLong(0);
                            String prev = last.size() == 0 ? GENESIS : last.iterator().next().getString(1);
                            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            List<AuditEntry> entries = new ArrayList<>(events.size());
                            for (Event e : events) {
                                seq++;
                                AuditEntry draft = new AuditEntry(seq, now.atOffset(ZoneOffset.UTC), limit(e.actor(), 255),
                                        limit(e.actorRoles(), 255), limit(e.actorOrg(), 255), e.sourceIp(), e.action(), e.outcome(),
                                        e.systemCode(), e.systemCode() == null ? null : ownerOrgs.get(e.systemCode()),
                                        limit(e.target(), 255), e.transactionId(), json(e.details()), prev, null);
                                String hash = hash(prev, canonical(draft));
                                entries.add(withHash(draft, hash));
                                prev = hash;
                            }
                            return insert(tx, entries);
                        }));
    }

    public Uni<Void> append(SqlClient tx, Event event) {
        return append(tx, List.of(event));
    }

    private Uni<Void> insert(SqlClient tx, List<AuditEntry> entries) {
        List<Tuple> rows = entries.stream().map(e -> Tuple.from(Arrays.asList(e.seq(), e.occurredAt(), e.actor(), e.actorRoles(),
                e.actorOrg(), e.sourceIp(), e.action(), e.outcome(), e.systemCode(), e.ownerOrg(), e.target(), e.transactionId(),
                e.details(), e.prevHash(), e.hash()))).toList();
        Uni<Void> inserted = tx.preparedQuery("INSERT INTO audit_log (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                + "$10, $11, $12, $13, $14, $15)").executeBatch(rows).replaceWithVoid();
        for (AuditEntry entry : entries) {
            inserted = inserted.flatMap(done -> outbox.add(tx, config.audit().topic(),
                    entry.systemCode() == null ? entry.actor() : entry.systemCode(), json(entry)));
        }
        return inserted;
    }

    /** Records a denied request, written shortly after in a batch (never blocks nor fails the caller). */
    public void denied(Event event) {
        if (queued.incrementAndGet() > config.audit().deniedQueueSize()) {
            queued.decrementAndGet();
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warnf("audit: %d denied-access entries dropped (queue full: a flood of refused requests?)", n);
            }
            return;
        }
        denied.add(event);
    }

    /** Denied-access entries dropped because the queue was full (a flood). */
    public long droppedDenials() {
        return dropped.get();
    }

    void flushDenied() {
        if (denied.isEmpty() || !flushing.compareAndSet(false, true)) {
            return;
        }
        List<Event> batch = new ArrayList<>();
        Event next;
        while (batch.size() < 500 && (next = denied.poll()) != null) {
            batch.add(next);
        }
        queued.addAndGet(-batch.size());
        pool.withTransaction(tx -> append(tx, batch))
                .subscribe().with(done -> {
                    flushing.set(false);
                    outbox.committed();
                }, failure -> {
                    flushing.set(false);
                    LOG.warnf("audit: could not write %d denied-access entries: %s", batch.size(), failure.toString());
                });
    }

    /** Re-computes the whole chain; reports the first entry whose hash or link does not match. */
    public Uni<Verification> verify() {
        return verifyFrom(0, GENESIS, 0);
    }

    public record Verification(boolean valid, long entriesChecked, Long firstBrokenSeq, String problem) {
    }

    private Uni<Verification> verifyFrom(long afterSeq, String prevHash, long checked) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000")
                .execute(Tuple.of(afterSeq))
                .flatMap(rows -> {
                    long seq = afterSeq;
                    String prev = prevHash;
                    long count = checked;
                    for (Row row : rows) {
                        AuditEntry e = map(row);
                        if (e.seq() != seq + 1) {
                            return Uni.createFrom().item(new Verification(false, count, seq + 1, "entry missing"));
                        }
                        if (!e.prevHash().equals(prev)) {
                            return Uni.createFrom().item(new Verification(false, count, e.seq(), "link to the previous entry broken"));
                        }
                        if (!hash(prev, canonical(e)).equals(e.hash())) {
                            return Uni.createFrom().item(new Verification(false, count, e.seq(), "entry altered: its hash does not match"));
                        }
                        seq = e.seq();
                        prev = e.hash();
                        count++;
                    }
                    if (rows.size() < 1000) {
                        return Uni.createFrom().item(new Verification(true, count, null, null));
                    }
                    return verifyFrom(seq, prev, count);
                });
    }

    static AuditEntry map(Row row) {
        return new AuditEntry(row.getLong("seq"), row.getOffsetDateTime("occurred_at"), row.getString("actor"),
                row.getString("actor_roles"), row.getString("actor_org"), row.getString("source_ip"), row.getString("action"),
                row.getString("outcome"), row.getString("system_code"), row.getString("owner_org"), row.getString("target"),
                row.getString("transaction_id"), row.getString("details"), row.getString("prev_hash"), row.getString("hash"));
    }

    /** Every field but the hash, in a fixed order, as a JSON array: the text that is hashed. */
    String canonical(AuditEntry e) {
        Instant at = e.occurredAt().toInstant();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return json(Arrays.asList(e.seq(), micros, e.actor(), e.actorRoles(), e.actorOrg(), e.sourceIp(), e.action(),
                e.outcome(), e.systemCode(), e.ownerOrg(), e.target(), e.transactionId(), e.details()));
    }

    static String hash(String prev, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditEntry withHash(AuditEntry e, String hash) {
        return new AuditEntry(e.seq(), e.occurredAt(), e.actor(), e.actorRoles(), e.actorOrg(), e.sourceIp(), e.action(), e.outcome(),
                e.systemCode(), e.ownerOrg(), e.target(), e.transactionId(), e.details(), e.prevHash(), hash);
    }

    private String json(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return mapper.writeValueAsString(value == null ? mapper.createObjectNode() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Before/after views for the details of a change. */
    public ObjectNode change(Object before, Object after) {
        ObjectNode node = mapper.createObjectNode();
        if (before != null) {
            node.set("before", mapper.valueToTree(before));
        }
        if (after != null) {
            node.set("after", mapper.valueToTree(after));
        }
        return node;
    }

    private static String limit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package vn.lgsp.hub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.lgsp.hub.outbox.Outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes transactions durable with group commit: whoever arrives while a commit is in flight joins
 * the next one, so under load one PostgreSQL transaction carries hundreds of records, and at low
 * load a record is committed at once. One transaction writes the rows, adds them to the hourly
 * rollups (so totals stay exact) and puts their events in the outbox (so Kafka gets each exactly
 * once per commit, at least once overall). A record's future completes only after the commit.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class);

    private record Pending(LedgerEntry entry, Promise<Void> promise) {
    }

    @Inject
    Pool pool;
    @Inject
    Outbox outbox;
    @Inject
    LedgerConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private io.micrometer.core.instrument.Timer commitTimer;
    private io.micrometer.core.instrument.DistributionSummary batchSizes;

    @jakarta.annotation.PostConstruct
    void init() {
        for (int slot = 0; slot < config.maxInFlight(); slot++) {
            freeSlots.add(slot);
        }
        commitTimer = io.micrometer.core.instrument.Timer.builder("lgsp.ledger.commit")
                .description("Time of one ledger group commit").publishPercentiles(0.5, 0.99).register(registry);
        batchSizes = io.micrometer.core.instrument.DistributionSummary.builder("lgsp.ledger.batch.size")
                .description("Transactions per ledger group commit").publishPercentiles(0.5, 0.99).register(registry);
    }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private int inFlight;
    private volatile long lastFailureMillis;
    private volatile long lastSuccessMillis;

    /** Completes when the entry is committed (or fails when it could not be). */
    public Future<Void> record(LedgerEntry entry) {
        Promise<Void> promise = Promise.promise();
        List<Pending> batch = null;
        int slot = -1;
        synchronized (this) {
            queue.add(new Pending(entry, promise));
            if (inFlight < config.maxInFlight()) {
                inFlight++;
                batch = drain();
                slot = freeSlots.poll();
            }
        }
        if (batch != null) {
            flush(batch, slot);
        }
        return promise.future();
    }

    /** False for a short while after a failed commit, so new requests are refused before reaching a provider. */
    public boolean accepting() {
        long failure = lastFailureMillis;
        return failure == 0 || lastSuccessMillis >= failure
                || System.currentTimeMillis() - failure > config.failFastWindow().toMillis();
    }

    private List<Pending> drain() {
        int n = Math.min(queue.size(), config.maxBatch());
        List<Pending> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(queue.poll());
        }
        return batch;
    }

    private void flush(List<Pending> batch, int slot) {
        long started = System.nanoTime();
        batchSizes.record(batch.size());
        pool.withTransaction(tx -> insertEntries(tx, batch)
                        .call(inserted -> addToRollups(tx, inserted, slot))
                        .call(inserted -> addEvents(tx, inserted)))
                .subscribe().with(inserted -> {
                    commitTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                    lastSuccessMillis = System.currentTimeMillis();
                    outbox.committed();
                    batch.forEach(p -> p.promise().complete());
                    next(slot);
                }, failure -> {
                    lastFailureMillis = System.currentTimeMillis();
                    LOG.warnf("ledger commit of %d transactions failed: %s", batch.size(), failure.toString());
                    batch.forEach(p -> p.promise().fail(failure));
                    next(slot);
                });
    }

    private void next(int slot) {
        List<Pending> batch;
        synchronized (this) {
            if (queue.isEmpty()) {
                inFlight--;
                freeSlots.add(slot);
                return;
            }
            batch = drain();
        }
        flush(batch, slot);
    }

    /** Inserts the rows; returns those that were new (a retried transaction id is not counted twice). */
    private Uni<List<LedgerEntry>> insertEntries(SqlConnection tx, List<Pending> batch) {
        int n = batch.size();
        LocalDate[] day = new LocalDate[n];
        String[] consumer = new String[n];
        String[] txId = new String[n];
        OffsetDateTime[] receivedAt = new OffsetDateTime[n];
        String[] provider = new String[n];
        String[] service = new String[n];
        String[] version = new String[n];
        String[] connector = new String[n];
        String[] method = new String[n];
        String[] pattern = new String[n];
        OffsetDateTime[] requestOut = new OffsetDateTime[n];
        OffsetDateTime[] responseIn = new OffsetDateTime[n];
        Long[] duration = new Long[n];
        Long[] requestBytes = new Long[n];
        Long[] responseBytes = new Long[n];
        Integer[] status = new Integer[n];
        Boolean[] success = new Boolean[n];
        String[] errorCode = new String[n];
        String[] fault = new String[n];
        String[] requestSha = new String[n];
        String[] instance = new String[n];
        for (int i = 0; i < n; i++) {
            LedgerEntry e = batch.get(i).entry();
            day[i] = day(e.receivedAt());
            consumer[i] = e.consumerCode();
            txId[i] = e.transactionId();
            receivedAt[i] = utc(e.receivedAt());
            provider[i] = e.providerCode();
            service[i] = e.serviceCode();
            version[i] = e.serviceVersion();
            connector[i] = e.connectorType();
            method[i] = e.httpMethod();
            pattern[i] = e.pathPattern();
            requestOut[i] = utc(e.requestOutAt());
            responseIn[i] = utc(e.responseInAt());
            duration[i] = e.durationMicros();
            requestBytes[i] = e.requestBytes();
            responseBytes[i] = e.responseBytes();
            status[i] = e.statusCode();
            success[i] = e.success();
            errorCode[i] = e.errorCode();
            fault[i] = e.fault();
            requestSha[i] = e.requestSha256();
            instance[i] = e.hubInstance();
        }
        Tuple values = Tuple.tuple().addValue(day).addValue(consumer).addValue(txId).addValue(receivedAt).addValue(provider)
                .addValue(service).addValue(version).addValue(connector).addValue(method).addValue(pattern)
                .addValue(requestOut).addValue(responseIn).addValue(duration).addValue(requestBytes).addValue(responseBytes)
                .addValue(status).addValue(success).addValue(errorCode).addValue(fault).addValue(requestSha).addValue(instance);
        return tx.preparedQuery("INSERT INTO ledger_entry (received_day, consumer_code, transaction_id, received_at, provider_code, "
                        + "service_code, service_version, connector_type, http_method, path_pattern, request_out_at, response_in_at, "
                        + "duration_us, request_bytes, response_bytes, status_code, success, error_code, fault, request_sha256, "
                        + "hub_instance) SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], "
                        + "$6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], "
                        + "$13::bigint[], $14::bigint[], $15::bigint[], $16::int[], $17::bool[], $18::text[], $19::text[], "
                        + "$20::text[], $21::text[]) ON CONFLICT DO NOTHING RETURNING received_day, consumer_code, transaction_id")
                .execute(values)
                .map(rows -> {
                    if (rows.size() == n) {
                        return batch.stream().map(Pending::entry).toList();
                    }
                    Set<String> inserted = new HashSet<>();
                    for (Row row : rows) {
                        inserted.add(row.getLocalDate(0) + "/" + row.getString(1) + "/" + row.getString(2));
                    }
                    List<LedgerEntry> fresh = new ArrayList<>(rows.size());
                    for (Pending p : batch) {
                        LedgerEntry e = p.entry();
                        if (inserted.remove(day(e.receivedAt()) + "/" + e.consumerCode() + "/" + e.transactionId())) {
                            fresh.add(e);
                        }
                    }
                    return fresh;
                });
    }

    private record RollupKey(Instant hour, String provider, String consumer, String service, int statusClass)
            implements Comparable<RollupKey> {
        @Override
        public int compareTo(RollupKey o) {
            int c = hour.compareTo(o.hour);
            c = c != 0 ? c : provider.compareTo(o.provider);
            c = c != 0 ? c : consumer.compareTo(o.consumer);
            c = c != 0 ? c : service.compareTo(o.service);
            return c != 0 ? c : Integer.compare(statusClass, o.statusClass);
        }
    }

    private static final class Rollup {
        long transactions;
        long failures;
        long durationSum;
        long durationMax;
        long requestBytes;
        long responseBytes;
        final long[] buckets = new long[32];

        void add(LedgerEntry e) {
            transactions++;
            failures += e.success() ? 0 : 1;
            durationSum += e.durationMicros();
            durationMax = Math.max(durationMax, e.durationMicros());
            requestBytes += e.requestBytes();
            responseBytes += e.responseBytes();
            buckets[e.latencyBucket()]++;
        }
    }

    /** Adds the batch to the hourly rollups, keys in a fixed order so concurrent commits cannot deadlock. */
    private Uni<Void> addToRollups(SqlConnection tx, List<LedgerEntry> inserted, int slot) {
        if (inserted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<RollupKey, Rollup> rollups = new TreeMap<>();
        for (LedgerEntry e : inserted) {
            RollupKey key = new RollupKey(e.receivedAt().truncatedTo(ChronoUnit.HOURS), e.providerCode(), e.consumerCode(),
                    e.serviceCode(), e.statusClass());
            rollups.computeIfAbsent(key, k -> new Rollup()).add(e);
        }
        int n = rollups.size();
        OffsetDateTime[] hour = new OffsetDateTime[n];
        String[] provider = new String[n];
        String[] consumer = new String[n];
        String[] service = new String[n];
        Short[] statusClass = new Short[n];
        Long[] transactions = new Long[n];
        Long[] failures = new Long[n];
        Long[] durationSum = new Long[n];
        Long[] durationMax = new Long[n];
        Long[] requestBytes = new Long[n];
        Long[] responseBytes = new Long[n];
        String[] buckets = new String[n];
        int i = 0;
        for (Map.Entry<RollupKey, Rollup> entry : rollups.entrySet()) {
            RollupKey k = entry.getKey();
            Rollup r = entry.getValue();
            hour[i] = utc(k.hour());
            provider[i] = k.provider();
            consumer[i] = k.consumer();
            service[i] = k.service();
            statusClass[i] = (short) k.statusClass();
            transactions[i] = r.transactions;
            failures[i] = r.failures;
            durationSum[i] = r.durationSum;
            durationMax[i] = r.durationMax;
            requestBytes[i] = r.requestBytes;
            responseBytes[i] = r.responseBytes;
            buckets[i] = bucketsLiteral(r.buckets);
            i++;
        }
        Tuple values = Tuple.tuple().addValue(hour).addValue(provider).addValue(consumer).addValue(service).addValue(statusClass)
                .addValue(transactions).addValue(failures).addValue(durationSum).addValue(durationMax).addValue(requestBytes)
                .addValue(responseBytes).addValue(buckets).addShort((short) slot);
        return tx.preparedQuery("INSERT INTO ledger_hourly (hour, provider_code, consumer_code, service_code, status_class, imported, "
                        + "slot, transactions, failures, duration_us_sum, duration_us_max, request_bytes, response_bytes, latency_buckets) "
                        + "SELECT h, p, c, s, sc, false, $13, n, f, ds, dm, rq, rs, b::bigint[] FROM unnest($1::timestamptz[], $2::text[], "
                        + "$3::text[], $4::text[], $5::smallint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], "
                        + "$10::bigint[], $11::bigint[], $12::text[]) AS t(h, p, c, s, sc, n, f, ds, dm, rq, rs, b) "
                        + "ON CONFLICT (hour, provider_code, consumer_code, service_code, status_class, imported, slot) DO UPDATE SET "
                        + "transactions = ledger_hourly.transactions + EXCLUDED.transactions, "
                        + "failures = ledger_hourly.failures + EXCLUDED.failures, "
                        + "duration_us_sum = ledger_hourly.duration_us_sum + EXCLUDED.duration_us_sum, "
                        + "duration_us_max = greatest(ledger_hourly.duration_us_max, EXCLUDED.duration_us_max), "
                        + "request_bytes = ledger_hourly.request_bytes + EXCLUDED.request_bytes, "
                        + "response_bytes = ledger_hourly.response_bytes + EXCLUDED.response_bytes, "
                        + "latency_buckets = lgsp_add_buckets(ledger_hourly.latency_buckets, EXCLUDED.latency_buckets)")
                .execute(values).replaceWithVoid();
    }

    private Uni<Void> addEvents(SqlConnection tx, List<LedgerEntry> inserted) {
        if (inserted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] keys = new String[inserted.size()];
        String[] payloads = new String[inserted.size()];
        for (int i = 0; i < inserted.size(); i++) {
            LedgerEntry e = inserted.get(i);
            keys[i] = e.providerCode();
            payloads[i] = event(e);
        }
        return tx.preparedQuery("INSERT INTO outbox (topic, record_key, payload) SELECT $1, k, p FROM unnest($2::text[], $3::text[]) AS t(k, p)")
                .execute(Tuple.of(config.topic(), keys, payloads)).replaceWithVoid();
    }

    /** The event other platforms (the IOC, the data warehouse) consume; de-duplicate by {@code id}. */
    private String event(LedgerEntry e) {
        ObjectNode node = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", e.consumerCode() + "/" + e.transactionId() + "/" + day(e.receivedAt()))
                .put("source", "urn:lgsp-hub:" + e.hubInstance())
                .put("type", "transaction.recorded")
                .put("subject", e.providerCode())
                .put("time", utc(e.receivedAt()).toString())
                .put("datacontenttype", "application/json");
        node.set("data", mapper.valueToTree(e));
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String bucketsLiteral(long[] buckets) {
        StringBuilder sb = new StringBuilder(buckets.length * 2 + 2).append('{');
        for (int i = 0; i < buckets.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(buckets[i]);
        }
        return sb.append('}').toString();
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

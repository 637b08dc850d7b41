package vn.lgsp.hub.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.outbox.Outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes each call's outcome durable, group-committed ({@link GroupCommit}): one transaction writes
 * the rows, adds them to the hourly and daily rollups (so totals stay exact) and puts their events
 * in the outbox (so Kafka gets each exactly once per commit, at least once overall), in two
 * statements. A record's future completes only after the commit.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final UnnestInsert<LedgerEntry> ROWS = new UnnestInsert<LedgerEntry>("ledger_entry")
            .column("received_day", "date", LocalDate[]::new, e -> day(e.receivedAt()))
            .column("consumer_code", "text", String[]::new, LedgerEntry::consumerCode)
            .column("transaction_id", "text", String[]::new, LedgerEntry::transactionId)
            .column("received_at", "timestamptz", OffsetDateTime[]::new, e -> utc(e.receivedAt()))
            .column("provider_code", "text", String[]::new, LedgerEntry::providerCode)
            .column("service_code", "text", String[]::new, LedgerEntry::serviceCode)
            .column("service_version", "text", String[]::new, LedgerEntry::serviceVersion)
            .column("connector_type", "text", String[]::new, LedgerEntry::connectorType)
            .column("http_method", "text", String[]::new, LedgerEntry::httpMethod)
            .column("path_pattern", "text", String[]::new, LedgerEntry::pathPattern)
            .column("request_out_at", "timestamptz", OffsetDateTime[]::new, e -> utc(e.requestOutAt()))
            .column("response_in_at", "timestamptz", OffsetDateTime[]::new, e -> utc(e.responseInAt()))
            .column("duration_us", "bigint", Long[]::new, LedgerEntry::durationMicros)
            .column("request_bytes", "bigint", Long[]::new, LedgerEntry::requestBytes)
            .column("response_bytes", "bigint", Long[]::new, LedgerEntry::responseBytes)
            .column("status_code", "int", Integer[]::new, LedgerEntry::statusCode)
            .column("success", "bool", Boolean[]::new, LedgerEntry::success)
            .column("error_code", "text", String[]::new, LedgerEntry::errorCode)
            .column("fault", "text", String[]::new, LedgerEntry::fault)
            .column("request_sha256", "text", String[]::new, LedgerEntry::requestSha256)
            .column("hub_instance", "text", String[]::new, LedgerEntry::hubInstance)
            .column("correlation_id", "text", String[]::new, LedgerEntry::correlationId)
            .column("client_profile", "text", String[]::new, LedgerEntry::clientProfile);
    /** A retried transaction id is not counted twice: only the rows it returns are new. */
    private static final String INSERT = ROWS.sql("ON CONFLICT DO NOTHING RETURNING received_day, consumer_code, transaction_id");

    @Inject
    Pool pool;
    @Inject
    Outbox outbox;
    @Inject
    LedgerConfig config;
    @Inject
    LedgerProbe probe;
    @Inject
    ReportConfig reports;
    @Inject
    MeterRegistry registry;

    private GroupCommit<LedgerEntry> commits;

    @PostConstruct
    void init() {
        commits = new GroupCommit<>("outcome", config.maxBatch(), config.maxInFlight(), config.maxQueued(), config.commitDeadline(),
                config.failFastWindow(), this::write, registry);
        commits.refuseWhile(probe::overdue);
    }

    /** Completes when the entry is committed (or fails when it could not be, in time). */
    public Future<Void> record(LedgerEntry entry) {
        return commits.add(entry);
    }

    /** False for a short while after a failed commit, so new calls are refused before any work. */
    public boolean accepting() {
        return commits.accepting();
    }

    GroupCommit<LedgerEntry> commits() {
        return commits;
    }

    private Uni<Void> write(List<LedgerEntry> batch, int slot) {
        return pool.withTransaction(tx -> insertEntries(tx, batch).call(inserted -> addToRollupsAndOutbox(tx, inserted, slot)))
                .invoke(outbox::committed).replaceWithVoid();
    }

    /** Inserts the rows; returns those that were new (a retried transaction id is not counted twice). */
    private Uni<List<LedgerEntry>> insertEntries(SqlConnection tx, List<LedgerEntry> batch) {
        int n = batch.size();
        return tx.preparedQuery(INSERT).execute(ROWS.values(batch))
                .map(rows -> {
                    if (rows.size() == n) {
                        return batch;
                    }
                    Set<String> inserted = new HashSet<>();
                    for (Row row : rows) {
                        inserted.add(row.getLocalDate(0) + "/" + row.getString(1) + "/" + row.getString(2));
                    }
                    List<LedgerEntry> fresh = new ArrayList<>(rows.size());
                    for (LedgerEntry e : batch) {
                        if (inserted.remove(day(e.receivedAt()) + "/" + e.consumerCode() + "/" + e.transactionId())) {
                            fresh.add(e);
                        }
                    }
                    return fresh;
                });
    }

    /** {@code period}: the hour (epoch second) or the day (epoch day) the transactions fall in. */
    private record RollupKey(long period, String provider, String consumer, String service, int statusClass)
            implements Comparable<RollupKey> {
        @Override
        public int compareTo(RollupKey o) {
            int c = Long.compare(period, o.period);
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

    /**
     * Adds the batch to the hourly rollups and to the daily ones (days in the reports' zone), keys
     * in a fixed order so concurrent commits cannot deadlock, and puts the events in the outbox:
     * one statement, since per-statement overhead was most of PostgreSQL's cost per transaction.
     */
    private Uni<Void> addToRollupsAndOutbox(SqlConnection tx, List<LedgerEntry> inserted, int slot) {
        if (inserted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<RollupKey, Rollup> hourly = new TreeMap<>();
        Map<RollupKey, Rollup> daily = new TreeMap<>();
        ZoneId zone = reports.timeZone();
        for (LedgerEntry e : inserted) {
            Instant hour = e.receivedAt().truncatedTo(ChronoUnit.HOURS);
            hourly.computeIfAbsent(new RollupKey(hour.getEpochSecond(), e.providerCode(), e.consumerCode(), e.serviceCode(),
                    e.statusClass()), k -> new Rollup()).add(e);
            daily.computeIfAbsent(new RollupKey(LocalDate.ofInstant(hour, zone).toEpochDay(), e.providerCode(), e.consumerCode(),
                    e.serviceCode(), e.statusClass()), k -> new Rollup()).add(e);
        }
        Object[] hours = hourly.keySet().stream().map(k -> Instant.ofEpochSecond(k.period()).atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new);
        Object[] days = daily.keySet().stream().map(k -> LocalDate.ofEpochDay(k.period())).toArray(LocalDate[]::new);
        String[] keys = new String[inserted.size()];
        String[] payloads = new String[inserted.size()];
        for (int i = 0; i < inserted.size(); i++) {
            LedgerEntry e = inserted.get(i);
            keys[i] = e.providerCode();
            payloads[i] = event(e);
        }
        Tuple values = Tuple.tuple().addShort((short) slot).addString(config.topic()).addValue(keys).addValue(payloads);
        addRollups(values, hours, hourly);
        addRollups(values, days, daily);
        return tx.preparedQuery(ROLLUPS_AND_OUTBOX).execute(values).replaceWithVoid();
    }

    /** $1 slot, $2 topic, $3/$4 outbox keys and payloads, then the hourly and the daily rollups' 12 columns each. */
    private static final String ROLLUPS_AND_OUTBOX = "WITH hourly AS (" + upsert("ledger_hourly", "hour", "timestamptz", 4) + "), "
            + "daily AS (" + upsert("ledger_daily", "day", "date", 16) + ") "
            + "INSERT INTO outbox (topic, record_key, payload) SELECT $2, k, p FROM unnest($3::text[], $4::text[]) AS t(k, p)";

    /** Appends the rollups' 12 columns to {@code values}, in the order {@link #upsert} reads them. */
    private static void addRollups(Tuple values, Object[] periods, Map<RollupKey, Rollup> rollups) {
        int n = rollups.size();
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
        values.addValue(periods).addValue(provider).addValue(consumer).addValue(service).addValue(statusClass)
                .addValue(transactions).addValue(failures).addValue(durationSum).addValue(durationMax).addValue(requestBytes)
                .addValue(responseBytes).addValue(buckets);
    }

    /** The upsert of one rollup table reading its columns from {@code $(p+1)..$(p+12)}; $1 is the slot. */
    private static String upsert(String table, String periodColumn, String periodType, int p) {
        return "INSERT INTO " + table + " (" + periodColumn + ", provider_code, consumer_code, service_code, "
                + "status_class, imported, slot, transactions, failures, duration_us_sum, duration_us_max, request_bytes, "
                + "response_bytes, latency_buckets) SELECT h, p, c, s, sc, false, $1, n, f, ds, dm, rq, rs, b::bigint[] "
                + "FROM unnest($" + (p + 1) + "::" + periodType + "[], $" + (p + 2) + "::text[], $" + (p + 3) + "::text[], $" + (p + 4)
                + "::text[], $" + (p + 5) + "::smallint[], $" + (p + 6) + "::bigint[], $" + (p + 7) + "::bigint[], $" + (p + 8)
                + "::bigint[], $" + (p + 9) + "::bigint[], $" + (p + 10) + "::bigint[], $" + (p + 11) + "::bigint[], $" + (p + 12)
                + "::text[]) AS t(h, p, c, s, sc, n, f, ds, dm, rq, rs, b) "
                + "ON CONFLICT (" + periodColumn + ", provider_code, consumer_code, service_code, status_class, imported, slot) "
                + "DO UPDATE SET "
                + "transactions = " + table + ".transactions + EXCLUDED.transactions, "
                + "failures = " + table + ".failures + EXCLUDED.failures, "
                + "duration_us_sum = " + table + ".duration_us_sum + EXCLUDED.duration_us_sum, "
                + "duration_us_max = greatest(" + table + ".duration_us_max, EXCLUDED.duration_us_max), "
                + "request_bytes = " + table + ".request_bytes + EXCLUDED.request_bytes, "
                + "response_bytes = " + table + ".response_bytes + EXCLUDED.response_bytes, "
                + "latency_buckets = lgsp_add_buckets(" + table + ".latency_buckets, EXCLUDED.latency_buckets)";
    }

    /** The event other platforms (the IOC, the data warehouse) consume: a CloudEvent; de-duplicate by {@code id}. */
    record TransactionEvent(String specversion, String id, String source, String type, String subject, String time,
                            String datacontenttype, LedgerEntry data) {
    }

    private String event(LedgerEntry e) {
        TransactionEvent event = new TransactionEvent("1.0", e.consumerCode() + "/" + e.transactionId() + "/" + day(e.receivedAt()),
                "urn:lgsp-hub:" + e.hubInstance(), "transaction.recorded", e.providerCode(), utc(e.receivedAt()).toString(),
                "application/json", e);
        return TransactionEventJson.write(event);
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

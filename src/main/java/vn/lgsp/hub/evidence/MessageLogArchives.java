package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Closed days of the message log as archive files for cold storage. A day (UTC, by when records
 * were written) is cut into parts of at most {@link #PART_RECORDS} records, so one export costs
 * bounded memory. A part is newline-delimited JSON: a header naming the instance, day, part, the
 * records' range and {@code previousArchiveSha256} (the SHA-256 of the part before it, so parts
 * chain into each other across days), then one line per record (its text, as hashed, and its
 * link), then the checkpoints up to the one that covers the last record. The first export of a
 * part stores its digest; every later export must reproduce it byte for byte, or it is refused
 * as {@code archive-mismatch}: the log was altered since.
 */
@ApplicationScoped
public class MessageLogArchives {

    static final int PART_RECORDS = 5_000;
    public static final String FORMAT = "lgsp-message-log-archive/1";

    private static final String DAY = "SELECT min(seq), max(seq) FROM message_log WHERE hub_instance = $1 AND logged_at >= $2 AND logged_at < $3";
    private static final String STORED = "SELECT sha256 FROM message_log_archive WHERE hub_instance = $1 AND day = $2 AND part = $3";
    private static final String LAST_BEFORE = "SELECT last_seq, sha256 FROM message_log_archive WHERE hub_instance = $1 AND day < $2 "
            + "ORDER BY day DESC, part DESC LIMIT 1";
    private static final String EARLIEST_UNARCHIVED = "SELECT min(logged_at) FROM message_log WHERE hub_instance = $1 AND seq > $2 AND seq < $3";
    private static final String RECORDS = "SELECT seq, record, chain_sha256 FROM message_log WHERE hub_instance = $1 AND seq >= $2 AND seq <= $3 "
            + "ORDER BY seq";
    private static final String CHECKPOINTS = "SELECT last_seq, body, signature_alg, signature, certificates, time_stamp FROM message_log_checkpoint "
            + "WHERE hub_instance = $1 AND last_seq >= $2 ORDER BY last_seq LIMIT " + (PART_RECORDS + 1);
    private static final String STORE = "INSERT INTO message_log_archive (hub_instance, day, part, first_seq, last_seq, sha256) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING";

    /** An archive part, ready to be sent. */
    public record Archive(String fileName, byte[] sha256, byte[] body) {
    }

    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    public Uni<Archive> export(String instance, LocalDate day, int part) {
        if (!day.isBefore(LocalDate.now(ZoneOffset.UTC))) {
            return Uni.createFrom().failure(ProblemException.field(ErrorCode.ARCHIVE_DAY_OPEN, "day",
                    day + " is not closed yet: archives are made of days before today (UTC)"));
        }
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(DAY).execute(Tuple.of(instance, from, from.plusDays(1))).flatMap(range -> {
            Row bounds = range.iterator().next();
            Long min = bounds.getLong(0);
            Long max = bounds.getLong(1);
            long first = min == null ? 0 : min + (long) (part - 1) * PART_RECORDS;
            if (min == null || first > max) {
                return Uni.createFrom().failure(new ProblemException(ErrorCode.ARCHIVE_NOT_FOUND,
                        "the message log of " + instance + " has no part " + part + " for " + day));
            }
            long last = Math.min(max, first + PART_RECORDS - 1);
            return previous(instance, day, part, first).flatMap(previous -> build(instance, day, part, first, last, previous))
                    .flatMap(archive -> keep(instance, day, part, first, last, archive));
        });
    }

    /** The digest the part starts with (null for an instance's first), or a refusal naming what to export first. */
    private Uni<byte[]> previous(String instance, LocalDate day, int part, long first) {
        if (part > 1) {
            return pool.preparedQuery(STORED).execute(Tuple.of(instance, day, part - 1)).map(rows -> {
                if (rows.size() == 0) {
                    throw outOfOrder(day + " part " + (part - 1));
                }
                return rows.iterator().next().getBuffer(0).getBytes();
            });
        }
        return pool.preparedQuery(LAST_BEFORE).execute(Tuple.of(instance, day)).flatMap(rows -> {
            long archivedUpTo = rows.size() == 0 ? 0 : rows.iterator().next().getLong(0);
            byte[] digest = rows.size() == 0 ? null : rows.iterator().next().getBuffer(1).getBytes();
            return pool.preparedQuery(EARLIEST_UNARCHIVED).execute(Tuple.of(instance, archivedUpTo, first)).map(earlier -> {
                OffsetDateTime unarchived = earlier.iterator().next().getOffsetDateTime(0);
                if (unarchived != null) {
                    throw outOfOrder(unarchived.atZoneSameInstant(ZoneOffset.UTC).toLocalDate().toString());
                }
                return digest;
            });
        });
    }

    private static ProblemException outOfOrder(String earlier) {
        return ProblemException.field(ErrorCode.ARCHIVE_OUT_OF_ORDER, "day", "export " + earlier + " first: each archive starts with the digest of the one before it");
    }

    private Uni<Archive> build(String instance, LocalDate day, int part, long first, long last, byte[] previous) {
        return pool.preparedQuery(RECORDS).execute(Tuple.of(instance, first, last)).flatMap(records ->
                pool.preparedQuery(CHECKPOINTS).execute(Tuple.of(instance, first)).map(checkpoints -> {
                    StringBuilder body = new StringBuilder();
                    Map<String, Object> header = new LinkedHashMap<>();
                    header.put("format", FORMAT);
                    header.put("instance", instance);
                    header.put("day", day.toString());
                    header.put("part", part);
                    header.put("firstSeq", first);
                    header.put("lastSeq", last);
                    header.put("previousArchiveSha256", previous == null ? null : HexFormat.of().formatHex(previous));
                    line(body, header);
                    for (Row row : records) {
                        Map<String, Object> record = new LinkedHashMap<>();
                        record.put("seq", row.getLong(0));
                        record.put("record", row.getString(1));
                        record.put("chainSha256", HexFormat.of().formatHex(row.getBuffer(2).getBytes()));
                        line(body, record);
                    }
                    checkpointLines(body, checkpoints, last);
                    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                    return new Archive("message-log-" + instance.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + day + "-" + part + ".ndjson",
                            HashChain.sha256(bytes), bytes);
                }));
    }

    private void checkpointLines(StringBuilder body, RowSet<Row> checkpoints, long last) {
        for (Row row : checkpoints) {
            line(body, Map.of("checkpoint", EvidenceBundles.checkpoint(row)));
            if (row.getLong(0) >= last) {
                break;
            }
        }
    }

    private void line(StringBuilder body, Object value) {
        try {
            body.append(mapper.writeValueAsString(value)).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("archive lines are plain data", e);
        }
    }

    /** Stores the first export's digest; refuses an export that no longer reproduces it. */
    private Uni<Archive> keep(String instance, LocalDate day, int part, long first, long last, Archive archive) {
        return pool.preparedQuery(STORE).execute(Tuple.of(instance, day, part, first, last, Buffer.buffer(archive.sha256())))
                .flatMap(stored -> pool.preparedQuery(STORED).execute(Tuple.of(instance, day, part)))
                .map(rows -> {
                    byte[] kept = rows.iterator().next().getBuffer(0).getBytes();
                    if (!Arrays.equals(kept, archive.sha256())) {
                        throw new ProblemException(ErrorCode.ARCHIVE_MISMATCH, "part " + part + " of " + day + " of " + instance
                                + " was exported with SHA-256 " + HexFormat.of().formatHex(kept) + "; the records stored now give "
                                + HexFormat.of().formatHex(archive.sha256()) + ": the log was altered since");
                    }
                    return archive;
                });
    }
}

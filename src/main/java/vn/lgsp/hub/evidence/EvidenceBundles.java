package vn.lgsp.hub.evidence;

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

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Assembles a transaction's {@link EvidenceBundle} from the message log. */
@ApplicationScoped
public class EvidenceBundles {

    private static final String RECORD = "SELECT hub_instance, seq, record FROM message_log WHERE transaction_id = $1 ORDER BY logged_at LIMIT 1";
    private static final String CHECKPOINT = "SELECT last_seq, body, signature_alg, signature, certificates, time_stamp FROM message_log_checkpoint "
            + "WHERE hub_instance = $1 AND last_seq >= $2 ORDER BY last_seq LIMIT 1";
    private static final String PREVIOUS = "SELECT chain_sha256 FROM message_log WHERE hub_instance = $1 AND seq = $2";
    private static final String FOLLOWING = "SELECT record_sha256 FROM message_log WHERE hub_instance = $1 AND seq > $2 AND seq <= $3 ORDER BY seq";

    /** Transaction ids are the hub's own: printable, bounded (so the id is safe in a file name too). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    Pool pool;
    @Inject
    MessageLogConfig config;

    /** The bundle of the transaction the hub minted {@code transactionId} for. */
    public Uni<EvidenceBundle> forTransaction(String transactionId) {
        ProblemException invalid = invalidId(transactionId);
        if (invalid != null) {
            return Uni.createFrom().failure(invalid);
        }
        return pool.preparedQuery(RECORD).execute(Tuple.of(transactionId)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().failure(new ProblemException(ErrorCode.EVIDENCE_NOT_FOUND,
                        "the message log has no record of transaction " + transactionId));
            }
            Row row = rows.iterator().next();
            String instance = row.getString(0);
            long seq = row.getLong(1);
            String record = row.getString(2);
            return pool.preparedQuery(CHECKPOINT).execute(Tuple.of(instance, seq)).flatMap(checkpoints -> {
                if (checkpoints.size() == 0) {
                    return Uni.createFrom().failure(new ProblemException(ErrorCode.EVIDENCE_NOT_SEALED,
                            "transaction " + transactionId + " is recorded but not yet covered by a signed checkpoint", null,
                            List.of(), Map.of("Retry-After", Long.toString(Math.max(1, config.checkpointInterval().toSeconds())))));
                }
                Row checkpoint = checkpoints.iterator().next();
                long lastSeq = checkpoint.getLong(0);
                Uni<byte[]> previous = seq == 1 ? Uni.createFrom().item(HashChain.GENESIS)
                        : pool.preparedQuery(PREVIOUS).execute(Tuple.of(instance, seq - 1))
                        .map(prev -> prev.size() == 0 ? HashChain.GENESIS : prev.iterator().next().getBuffer(0).getBytes());
                return previous.flatMap(prev -> pool.preparedQuery(FOLLOWING).execute(Tuple.of(instance, seq, lastSeq))
                        .map(following -> new EvidenceBundle(EvidenceBundle.FORMAT, transactionId, instance, seq, record,
                                HexFormat.of().formatHex(prev), digests(following), checkpoint(checkpoint))));
            });
        });
    }

    /** The problem with {@code transactionId} as a path parameter, or null if it may be a transaction id. */
    static ProblemException invalidId(String transactionId) {
        return transactionId == null || !ID.matcher(transactionId).matches()
                ? ProblemException.field(ErrorCode.INVALID_PARAMETER, "id", "id must be a transaction id (letters, digits, . _ : -, up to 128)")
                : null;
    }

    /** The Content-Disposition of a bundle's download. */
    public static String attachment(String transactionId) {
        return "attachment; filename=\"evidence-" + transactionId + ".json\"";
    }

    private static List<String> digests(RowSet<Row> rows) {
        List<String> digests = new ArrayList<>(rows.size());
        for (Row row : rows) {
            digests.add(HexFormat.of().formatHex(row.getBuffer(0).getBytes()));
        }
        return digests;
    }

    /** A checkpoint row (last_seq, body, signature_alg, signature, certificates, time_stamp) as bundles and archives carry it. */
    static EvidenceBundle.Checkpoint checkpoint(Row row) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> certificates = new ArrayList<>();
        for (Buffer certificate : row.getDelegate().getArrayOfBuffers(4)) {
            certificates.add(base64.encodeToString(certificate.getBytes()));
        }
        var stamp = row.getBuffer(5);
        return new EvidenceBundle.Checkpoint(row.getString(1), row.getString(2), base64.encodeToString(row.getBuffer(3).getBytes()),
                certificates, stamp == null ? null : base64.encodeToString(stamp.getBytes()));
    }
}

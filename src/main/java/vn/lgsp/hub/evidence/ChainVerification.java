package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.config.InstanceName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * Re-checks an instance's chain as stored: every record's digest, every link, every checkpoint's
 * head and signature, and the checkpoints' own chain. Says exactly what is wrong: a record
 * {@code altered} (its text no longer hashes to its link), records {@code missing} from the middle,
 * the tail {@code truncated} (a checkpoint, or this hub's own head, names records that are gone),
 * or a {@code checkpoint} that does not hold. Reads in pages; at most {@link #MAX_RECORDS} per call.
 */
@ApplicationScoped
public class ChainVerification {

    static final int MAX_RECORDS = 100_000;
    private static final int PAGE = 1_000;
    private static final int MAX_PROBLEMS = 100;
    private static final String RECORDS = "SELECT seq, record, record_sha256, chain_sha256 FROM message_log "
            + "WHERE hub_instance = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT " + PAGE;
    private static final String PREVIOUS = "SELECT chain_sha256 FROM message_log WHERE hub_instance = $1 AND seq = $2";
    private static final String CHECKPOINTS = "SELECT last_seq, body, signature_alg, signature, certificates FROM message_log_checkpoint "
            + "WHERE hub_instance = $1 AND last_seq >= $2 AND last_seq <= $3 ORDER BY last_seq";
    private static final String SIGNED_END = "SELECT max(last_seq) FROM message_log_checkpoint WHERE hub_instance = $1";
    private static final String PREVIOUS_CHECKPOINT = "SELECT body FROM message_log_checkpoint WHERE hub_instance = $1 AND last_seq < $2 "
            + "ORDER BY last_seq DESC LIMIT 1";

    public record Problem(String kind, long seq, String detail) {
    }

    public record Report(String instance, long fromSeq, long toSeq, long records, int checkpoints, boolean valid, List<Problem> problems) {
    }

    private record Checkpoint(long lastSeq, String body, String algorithm, byte[] signature, byte[] signer) {
    }

    @Inject
    Pool pool;
    @Inject
    MessageLogWriter writer;
    @Inject
    InstanceName self;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks records {@code from} to {@code to} (inclusive) and the checkpoints that end there or later. */
    public Uni<Report> verify(String instance, long from, long to) {
        State state = new State(instance, from, to);
        Uni<byte[]> start = from == 1 ? Uni.createFrom().item(HashChain.GENESIS)
                : pool.preparedQuery(PREVIOUS).execute(Tuple.of(instance, from - 1)).map(rows -> {
                    if (rows.size() == 0) {
                        state.problem("missing", from - 1, "record #" + (from - 1) + ", where the range links in, is missing");
                        return null;
                    }
                    return rows.iterator().next().getBuffer(0).getBytes();
                });
        return start.flatMap(previous -> {
            state.previous = previous;
            return checkpoints(state);
        }).flatMap(ignored -> page(state, from - 1)).map(ignored -> state.finish(instance.equals(self.value()) ? writer.head() : null));
    }

    private Uni<Void> checkpoints(State state) {
        return pool.preparedQuery(SIGNED_END).execute(Tuple.of(state.instance)).invoke(rows -> {
            Long end = rows.iterator().next().getLong(0);
            state.signedEnd = end == null ? 0 : Math.min(state.to, end);
        }).flatMap(ignored -> pool.preparedQuery(CHECKPOINTS).execute(Tuple.of(state.instance, state.from, state.to))).flatMap(rows -> {
            for (Row row : rows) {
                Buffer[] certificates = row.getDelegate().getArrayOfBuffers(4);
                state.checkpoints.put(row.getLong(0), new Checkpoint(row.getLong(0), row.getString(1), row.getString(2),
                        row.getBuffer(3).getBytes(), certificates.length == 0 ? null : certificates[0].getBytes()));
            }
            if (state.checkpoints.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return pool.preparedQuery(PREVIOUS_CHECKPOINT).execute(Tuple.of(state.instance, state.checkpoints.firstKey()))
                    .invoke(previous -> state.previousCheckpointBody = previous.size() == 0 ? null : previous.iterator().next().getString(0))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> page(State state, long after) {
        return pool.preparedQuery(RECORDS).execute(Tuple.of(state.instance, after, state.to)).flatMap(rows -> {
            long last = state.check(rows);
            return rows.size() < PAGE || last >= state.to ? Uni.createFrom().voidItem() : page(state, last);
        });
    }

    private static final class State {
        final String instance;
        final long from;
        final long to;
        final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
        final List<Problem> problems = new ArrayList<>();
        String previousCheckpointBody;
        long signedEnd;
        byte[] previous;
        long expected;
        long records;
        long lastSeen;

        State(String instance, long from, long to) {
            this.instance = instance;
            this.from = from;
            this.to = to;
            this.expected = from;
            this.lastSeen = from - 1;
        }

        void problem(String kind, long seq, String detail) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(kind, seq, detail));
            }
        }

        long check(RowSet<Row> rows) {
            long last = lastSeen;
            for (Row row : rows) {
                long seq = row.getLong(0);
                byte[] digest = HashChain.recordDigest(row.getString(1));
                byte[] stored = row.getBuffer(3).getBytes();
                boolean linked = previous != null && seq == expected;
                if (seq > expected) {
                    problem("missing", expected, (seq - expected == 1 ? "record #" + expected : "records #" + expected + " to #" + (seq - 1))
                            + " removed from the chain");
                }
                byte[] link = previous == null ? null : HashChain.link(previous, digest);
                boolean intact = Arrays.equals(digest, row.getBuffer(2).getBytes()) && (!linked || MessageDigest.isEqual(link, stored));
                if (!intact) {
                    problem("altered", seq, "record #" + seq + " does not hash to its place in the chain: it was altered");
                }
                Checkpoint checkpoint = checkpoints.get(seq);
                if (checkpoint != null) {
                    // Against the recomputed chain where this record holds; where it does not, that is reported already.
                    checkCheckpoint(checkpoint, intact && linked ? link : stored);
                }
                // Continue from what is stored, so one altered record is reported once, not as every link after it.
                previous = stored;
                expected = seq + 1;
                records++;
                last = seq;
            }
            lastSeen = last;
            return last;
        }

        private void checkCheckpoint(Checkpoint checkpoint, byte[] chainAtEnd) {
            try {
                JsonNode body = JSON.readTree(checkpoint.body());
                if (!MessageDigest.isEqual(HexFormat.of().parseHex(body.path("headSha256").asText()), chainAtEnd)) {
                    problem("checkpoint", checkpoint.lastSeq(), "the chain at #" + checkpoint.lastSeq() + " is not the head its checkpoint signed");
                }
                var before = checkpoints.lowerEntry(checkpoint.lastSeq());
                String previousBody = before != null ? before.getValue().body() : previousCheckpointBody;
                String named = body.path("previousCheckpointSha256").isNull() ? null : body.path("previousCheckpointSha256").asText(null);
                if (previousBody != null && !HexFormat.of().formatHex(HashChain.sha256(previousBody.getBytes(StandardCharsets.UTF_8))).equals(named)) {
                    problem("checkpoint", checkpoint.lastSeq(), "the checkpoint at #" + checkpoint.lastSeq()
                            + " does not follow the one before it: a checkpoint was removed or replaced");
                }
                X509Certificate signer = EvidenceVerifier.certificate(checkpoint.signer());
                if (!EvidenceVerifier.signs(checkpoint.algorithm(), signer, checkpoint.body(), checkpoint.signature())) {
                    problem("checkpoint", checkpoint.lastSeq(), "the checkpoint at #" + checkpoint.lastSeq() + " has a signature that does not verify");
                }
            } catch (Exception e) {
                problem("checkpoint", checkpoint.lastSeq(), "the checkpoint at #" + checkpoint.lastSeq() + " cannot be checked: " + e.getMessage());
            }
        }

        Report finish(MessageLogWriter.Head head) {
            long knownEnd = Math.max(signedEnd, head == null ? 0 : Math.min(to, head.seq()));
            if (knownEnd > lastSeen) {
                problem("truncated", lastSeen + 1, "records #" + (lastSeen + 1) + " to #" + knownEnd + " are gone from the end of the chain ("
                        + (signedEnd > lastSeen ? "a checkpoint signed them" : "this hub wrote them") + ")");
            }
            return new Report(instance, from, Math.min(to, Math.max(lastSeen, from - 1)), records,
                    (int) checkpoints.keySet().stream().filter(seq -> seq <= lastSeen).count(), problems.isEmpty(), List.copyOf(problems));
        }
    }
}

package vn.lgsp.hub.ledger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The second, best-effort write of a transaction: when its answer finished streaming (bytes
 * actually sent, the response digest), appended to {@code ledger_completion}. The count never
 * depends on it: the row was committed before the caller got a byte. Batched every
 * {@code lgsp.ledger.completion-flush-interval}.
 */
@ApplicationScoped
public class LedgerCompletions {

    private static final Logger LOG = Logger.getLogger(LedgerCompletions.class);

    /** What is known once the answer was delivered or cut off. */
    record Completion(LocalDate day, String consumer, String transactionId, Instant responseOutAt, long responseBytes,
                      boolean delivered, String responseSha256) {
    }

    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    LedgerConfig config;

    private List<Completion> pending = new ArrayList<>();
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.completionFlushInterval().toMillis(), id -> flush());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        flush();
    }

    synchronized void add(Completion completion) {
        pending.add(completion);
    }

    private void flush() {
        List<Completion> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        int n = batch.size();
        LocalDate[] day = new LocalDate[n];
        String[] consumer = new String[n];
        String[] tx = new String[n];
        OffsetDateTime[] out = new OffsetDateTime[n];
        Long[] bytes = new Long[n];
        Boolean[] delivered = new Boolean[n];
        String[] sha = new String[n];
        for (int i = 0; i < n; i++) {
            Completion c = batch.get(i);
            day[i] = c.day();
            consumer[i] = c.consumer();
            tx[i] = c.transactionId();
            out[i] = LedgerWriter.utc(c.responseOutAt());
            bytes[i] = c.responseBytes();
            delivered[i] = c.delivered();
            sha[i] = c.responseSha256();
        }
        // Appended, never an UPDATE of the transaction's row (see V41). The view ledger_transaction
        // reads a cut-off answer as failed even though its head said success; a failure keeps the
        // error code it was answered with. A retried transaction id keeps its first completion.
        pool.preparedQuery("INSERT INTO ledger_completion (received_day, consumer_code, transaction_id, response_out_at, "
                        + "response_bytes, delivered, response_sha256) SELECT * FROM unnest($1::date[], $2::text[], $3::text[], "
                        + "$4::timestamptz[], $5::bigint[], $6::bool[], $7::text[]) ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple().addValue(day).addValue(consumer).addValue(tx).addValue(out).addValue(bytes)
                        .addValue(delivered).addValue(sha))
                .subscribe().with(done -> { }, failure -> LOG.warnf("could not record %d completions: %s", n, failure.toString()));
    }
}

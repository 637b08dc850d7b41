package vn.lgsp.hub.ledger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
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

    private static final UnnestInsert<Completion> ROWS = new UnnestInsert<Completion>("ledger_completion")
            .column("received_day", "date", LocalDate[]::new, Completion::day)
            .column("consumer_code", "text", String[]::new, Completion::consumer)
            .column("transaction_id", "text", String[]::new, Completion::transactionId)
            .column("response_out_at", "timestamptz", OffsetDateTime[]::new, c -> LedgerWriter.utc(c.responseOutAt()))
            .column("response_bytes", "bigint", Long[]::new, Completion::responseBytes)
            .column("delivered", "bool", Boolean[]::new, Completion::delivered)
            .column("response_sha256", "text", String[]::new, Completion::responseSha256);
    private static final String INSERT = ROWS.sql("ON CONFLICT DO NOTHING");

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
        // Appended, never an UPDATE of the transaction's row (see V41). The view ledger_transaction
        // reads a cut-off answer as failed even though its head said success; a failure keeps the
        // error code it was answered with. A retried transaction id keeps its first completion.
        pool.preparedQuery(INSERT).execute(ROWS.values(batch))
                .subscribe().with(done -> { }, failure -> LOG.warnf("could not record %d completions: %s", batch.size(), failure.toString()));
    }
}

package vn.lgsp.hub.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The watchdog's probe of the ledger's write path, shared by readiness and by the commits' up-front
 * refusal, so that both say the same thing at the same instant: a call is never let through in
 * the moment between readiness going down and the next watchdog tick.
 */
@ApplicationScoped
public class LedgerProbe {

    private static final long NOT_PROBING = Long.MIN_VALUE;

    @Inject
    LedgerConfig config;

    /** When the probe now running started ({@link System#nanoTime()}), or {@code NOT_PROBING}. */
    private final AtomicLong started = new AtomicLong(NOT_PROBING);

    /** True if no probe was running and this one may start. */
    boolean begin() {
        return started.compareAndSet(NOT_PROBING, System.nanoTime());
    }

    void end() {
        started.set(NOT_PROBING);
    }

    /** A probe has waited longer than the commit deadline: the database hangs or a lock holds the ledger. */
    boolean overdue() {
        long since = started.get();
        return since != NOT_PROBING && System.nanoTime() - since > config.commitDeadline().toNanos();
    }
}

package vn.lgsp.hub.resilience;

/**
 * The breaker of one endpoint: after {@code threshold} consecutive failures it opens and refuses
 * calls for {@code openForMillis}, then lets one trial call through (half-open); the trial's
 * outcome closes or re-opens it. Methods are short and synchronized: no I/O under the lock.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForMillis;
    private State state = State.CLOSED;
    private int failures;
    private long openUntil;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, long openForMillis) {
        this.threshold = threshold;
        this.openForMillis = openForMillis;
    }

    /** Whether a call may go now; in half-open state only one at a time. */
    synchronized boolean tryAcquire(long nowMillis) {
        if (state == State.OPEN && nowMillis >= openUntil) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.HALF_OPEN) {
            if (trialInFlight) {
                return false;
            }
            trialInFlight = true;
            return true;
        }
        return state == State.CLOSED;
    }

    synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    /** The call ended for a reason that says nothing about the endpoint (refused by the hub). */
    synchronized void released() {
        trialInFlight = false;
    }

    synchronized void failed(long nowMillis) {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openUntil = nowMillis + openForMillis;
            trialInFlight = false;
        }
    }

    /** Whole seconds until a trial call is let through (at least 1). */
    synchronized long retryAfterSeconds(long nowMillis) {
        return Math.max(1, (openUntil - nowMillis + 999) / 1000);
    }

    synchronized State state() {
        return state;
    }
}

package vn.lgsp.hub.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a flapping endpoint from flooding status changes: a new live status (connected,
 * degraded, disconnected) replaces the current one only once the evidence has pointed to it at
 * {@code evaluations} evaluations in a row spanning at least {@code settleTime}. Changes that
 * follow the registry (an entry linked, a system activated or suspended) are facts, not
 * measurements, and apply at once.
 */
record Hysteresis(Duration settleTime, int evaluations) {

    /** The outcome of one evaluation: the state to store and whether the status changed. */
    record Step(ConnectionState state, ConnectionStatus previous, boolean changed) {
    }

    static Hysteresis of(ConnectionsConfig config) {
        return new Hysteresis(config.settleTime(), config.settleEvaluations());
    }

    Step apply(ConnectionState current, Derived derived, Instant now) {
        if (current == null) {
            return new Step(ConnectionState.settled(derived, now), null, true);
        }
        if (derived.status() == current.status()) {
            // Same status: the degraded cause may move (probe -> transactions); that is not a change.
            return new Step(new ConnectionState(current.status(), current.since(), derived.cause(), derived.causeSince(),
                    null, null, 0), current.status(), false);
        }
        if (!derived.status().live() || !current.status().live()) {
            return new Step(ConnectionState.settled(derived, now), current.status(), true);
        }
        boolean same = derived.status() == current.pendingStatus();
        Instant pendingSince = same ? current.pendingSince() : now;
        int count = same ? current.pendingCount() + 1 : 1;
        if (count >= evaluations && !Duration.between(pendingSince, now).minus(settleTime).isNegative()) {
            return new Step(ConnectionState.settled(derived, pendingSince), current.status(), true);
        }
        return new Step(new ConnectionState(current.status(), current.since(), current.cause(), current.causeSince(),
                derived.status(), pendingSince, count), current.status(), false);
    }
}

package vn.lgsp.hub.connection;

import java.time.Instant;

/**
 * The settled status of a catalogue entry, and the status the evidence points to while that
 * has not yet held long enough to replace it.
 */
record ConnectionState(ConnectionStatus status, Instant since, String cause, Instant causeSince,
                       ConnectionStatus pendingStatus, Instant pendingSince, int pendingCount) {

    static ConnectionState settled(Derived derived, Instant since) {
        return new ConnectionState(derived.status(), since, derived.cause(), derived.causeSince(), null, null, 0);
    }
}

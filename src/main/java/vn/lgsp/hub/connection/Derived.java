package vn.lgsp.hub.connection;

import java.time.Instant;

/**
 * A status derived from evidence.
 *
 * @param cause      for {@code degraded}: {@code probe} or {@code transactions}
 * @param causeSince for {@code degraded}: since when the probes or transactions fail
 */
public record Derived(ConnectionStatus status, String cause, Instant causeSince) {

    static Derived of(ConnectionStatus status) {
        return new Derived(status, null, null);
    }
}

package vn.lgsp.hub.connection;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the evidence says about a catalogue entry's connection to the hub. */
public enum ConnectionStatus {
    NOT_REGISTERED, REGISTERED, CONNECTED, DEGRADED, DISCONNECTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static ConnectionStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    /** Connected, degraded and disconnected follow live evidence and settle with hysteresis; the others follow the registry. */
    boolean live() {
        return this == CONNECTED || this == DEGRADED || this == DISCONNECTED;
    }

    /** Counted as connected in the report's totals: the link works, possibly with failures. */
    boolean linkWorks() {
        return this == CONNECTED || this == DEGRADED;
    }
}

package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Administrative level of an information system. */
public enum Scope {
    @JsonProperty("central") CENTRAL,
    @JsonProperty("provincial") PROVINCIAL,
    @JsonProperty("commune") COMMUNE;

    public String wire() {
        return name().toLowerCase();
    }

    public static Scope fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}

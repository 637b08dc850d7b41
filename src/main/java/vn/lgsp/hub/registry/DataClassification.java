package vn.lgsp.hub.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How sensitive the data a service returns is; {@link #PERSONAL} data falls under Decree 13/2023. */
public enum DataClassification {
    @JsonProperty("public") PUBLIC,
    @JsonProperty("internal") INTERNAL,
    @JsonProperty("personal") PERSONAL;

    public String wire() {
        return name().toLowerCase();
    }

    public static DataClassification fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
